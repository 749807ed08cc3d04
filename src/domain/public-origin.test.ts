import { describe, expect, it } from 'vitest';
import { defaultOriginWarning, isLoopbackHost, parsePublicOrigin, serverOrigin } from './public-origin.js';

describe('parsePublicOrigin', () => {
  it.each([
    ['https://news.example.com', 'https://news.example.com'],
    ['https://news.example.com/', 'https://news.example.com'],
    ['HTTPS://News.Example.COM', 'https://news.example.com'],
    ['https://news.example.com:443', 'https://news.example.com'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
    ['  https://news.example.com  ', 'https://news.example.com'],
  ])('takes %s as %s', (raw, origin) => {
    expect(parsePublicOrigin(raw)).toEqual({ ok: true, origin });
  });

  it.each([
    ['news.example.com', 'must be an absolute http(s) address, e.g. https://news.example.com'],
    ['ftp://news.example.com', 'must start with https:// or http://, e.g. https://news.example.com'],
    ['https://news.example.com/news', 'must be the origin alone, without a path, query or fragment'],
    ['https://news.example.com/?a=1', 'must be the origin alone, without a path, query or fragment'],
    ['https://news.example.com/#top', 'must be the origin alone, without a path, query or fragment'],
    ['https://news.example.com?', 'must be the origin alone, without a path, query or fragment'],
    ['https://editor:secret@news.example.com', 'must not contain a user name or password'],
  ])('refuses %s in one line', (raw, message) => {
    const parsed = parsePublicOrigin(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
    expect(parsed.ok ? '' : parsed.message).not.toContain('\n');
  });
});

describe('serverOrigin', () => {
  it('follows HOST and PORT', () => {
    expect(serverOrigin('127.0.0.1', 3101)).toBe('http://127.0.0.1:3101');
    expect(serverOrigin('news.internal', 8080)).toBe('http://news.internal:8080');
  });

  it('reads a wildcard address as its loopback twin, which a browser can ask for', () => {
    expect(serverOrigin('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000');
    expect(serverOrigin('::', 3000)).toBe('http://[::1]:3000');
  });

  it('brackets an IPv6 address and leaves out the default port', () => {
    expect(serverOrigin('::1', 3000)).toBe('http://[::1]:3000');
    expect(serverOrigin('news.internal', 80)).toBe('http://news.internal');
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', 'app.localhost', '::1', '[::1]'])('%s is', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '10.0.0.5', 'news.example.com', '127.0.0.1.example.com'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('defaultOriginWarning', () => {
  it('warns a server others can reach that still writes its own address', () => {
    expect(defaultOriginWarning('server', '0.0.0.0', 'http://127.0.0.1:3000')).toBe(
      'The public address is not set: links, feeds and sitemaps point at http://127.0.0.1:3000, which readers ' +
        'elsewhere cannot reach. Set DATELINE_BASE_URL (e.g. https://news.example.com) or the Base URL in the ' +
        'newsroom Settings.',
    );
  });

  it('says nothing once the address is configured, or on a loopback-only server', () => {
    expect(defaultOriginWarning('environment', '0.0.0.0', 'https://news.example.com')).toBeNull();
    expect(defaultOriginWarning('settings', '0.0.0.0', 'https://news.example.com')).toBeNull();
    expect(defaultOriginWarning('server', '127.0.0.1', 'http://127.0.0.1:3000')).toBeNull();
  });
});

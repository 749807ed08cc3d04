import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, originSourceOf } from './settings.js';

describe('mergeSettings', () => {
  it('uses the defaults when nothing is stored', () => {
    expect(mergeSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('lets stored values override field by field', () => {
    expect(mergeSettings({ shortName: 'JN', timeZone: 'Europe/London' })).toMatchObject({
      shortName: 'JN',
      timeZone: 'Europe/London',
      timeZoneLabel: 'JST',
    });
  });

  it('ignores stored values that are invalid or unknown', () => {
    const merged = mergeSettings({ timeZone: 'Mars/Olympus', language: 'not a tag!', colour: 'red' });
    expect(merged.timeZone).toBe('Asia/Tokyo');
    expect(merged.language).toBe('en');
    expect(merged).not.toHaveProperty('colour');
  });

  it('strips a trailing slash from the base URL', () => {
    expect(mergeSettings({ baseUrl: 'https://news.example/' }).baseUrl).toBe('https://news.example');
  });
});

describe('the public address', () => {
  const server = { fixed: null, fallback: 'http://127.0.0.1:3101' };
  const environment = { fixed: 'https://news.example.com', fallback: 'http://127.0.0.1:3101' };

  it("is the server's own address when neither the environment nor the stored settings give one", () => {
    expect(mergeSettings({}, server).baseUrl).toBe('http://127.0.0.1:3101');
    expect(originSourceOf({}, server)).toBe('server');
  });

  it('is the stored setting over the server’s own', () => {
    expect(mergeSettings({ baseUrl: 'https://stored.example' }, server).baseUrl).toBe('https://stored.example');
    expect(originSourceOf({ baseUrl: 'https://stored.example' }, server)).toBe('settings');
  });

  it('is the environment’s over the stored setting', () => {
    expect(mergeSettings({ baseUrl: 'https://stored.example' }, environment).baseUrl).toBe('https://news.example.com');
    expect(originSourceOf({ baseUrl: 'https://stored.example' }, environment)).toBe('environment');
  });

  it('ignores a stored address that does not validate', () => {
    expect(mergeSettings({ baseUrl: 'not a url' }, server).baseUrl).toBe('http://127.0.0.1:3101');
    expect(originSourceOf({ baseUrl: 'not a url' }, server)).toBe('server');
  });
});

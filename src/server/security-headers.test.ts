import { describe, expect, it } from 'vitest';
import { NO_PLUGINS } from '../plugins/registry.js';
import {
  CONTENT_SECURITY_POLICY,
  readerContentSecurityPolicy,
  readerSecurityHeaders,
  SECURITY_HEADERS,
} from './security-headers.js';

const none = { scriptSrc: [], connectSrc: [], frameSrc: [], imgSrc: [], styleSrc: [] };

describe("the reader pages' policy", () => {
  it('is the base policy, the very same headers object, when no plugin declares a source', () => {
    expect(readerContentSecurityPolicy(NO_PLUGINS.csp)).toBe(CONTENT_SECURITY_POLICY);
    expect(readerSecurityHeaders(NO_PLUGINS.csp)).toBe(SECURITY_HEADERS);
  });

  it("adds a plugin's sources after 'self' in their directives and leaves every other directive alone", () => {
    const policy = readerContentSecurityPolicy({ ...none, scriptSrc: ['https://a.example', 'https://b.example'] });
    expect(policy).toBe(
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' https://a.example https://b.example"),
    );
  });

  it('adds frame-src, which the base policy leaves to default-src, as its own directive', () => {
    const policy = readerContentSecurityPolicy({ ...none, frameSrc: ['https://player.example'] });
    expect(policy.split('; ')).toContain("frame-src 'self' https://player.example");
    expect(policy.split('; ')).toContain("default-src 'self'");
  });

  it('changes only the policy among the security headers', () => {
    const headers = readerSecurityHeaders({ ...none, imgSrc: ['https://img.example'] });
    expect({ ...headers, 'content-security-policy': CONTENT_SECURITY_POLICY }).toEqual(SECURITY_HEADERS);
    expect(headers['content-security-policy']).toContain("img-src 'self' data: https://img.example");
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, SecretKeyError, sealSecret } from './secret-key.js';

describe('a sealed secret', () => {
  const key = randomBytes(32);
  const secret = randomBytes(32);

  it('opens with its key and context, and differs each time it is sealed', () => {
    const sealed = sealSecret(key, secret, 'abc');
    expect(openSecret(key, sealed, 'abc')).toEqual(secret);
    expect(sealSecret(key, secret, 'abc')).not.toBe(sealed);
    expect(sealed).not.toContain(secret.toString('hex'));
  });

  it('does not open with another key, on another row, or once a byte is changed', () => {
    const sealed = sealSecret(key, secret, 'abc');
    expect(() => openSecret(randomBytes(32), sealed, 'abc')).toThrow(SecretKeyError);
    expect(() => openSecret(key, sealed, 'abd')).toThrow(SecretKeyError);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => openSecret(key, `v1.${bytes.toString('base64url')}`, 'abc')).toThrow(SecretKeyError);
  });

  it('does not open with its tag cut short', () => {
    const bytes = Buffer.from(sealSecret(key, Buffer.alloc(0), 'abc').slice(3), 'base64url');
    expect(bytes.length).toBe(28);
    expect(() => openSecret(key, `v1.${bytes.subarray(0, 24).toString('base64url')}`, 'abc')).toThrow(SecretKeyError);
  });
});

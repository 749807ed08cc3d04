import { describe, expect, it } from 'vitest';
import { addressBlockOf } from './address-block.js';

describe('addressBlockOf', () => {
  it('keeps an IPv4 address whole', () => {
    expect(addressBlockOf('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlockOf('203.0.113.8')).not.toBe(addressBlockOf('203.0.113.7'));
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address, in either spelling', () => {
    expect(addressBlockOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlockOf('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(addressBlockOf('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, however they are written', () => {
    const home = addressBlockOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(home).toBe('2001:db8:1:2::/64');
    expect(addressBlockOf('2001:db8:1:2::1')).toBe(home);
    expect(addressBlockOf('2001:0db8:0001:0002:0:0:0:ffff')).toBe(home);
    expect(addressBlockOf('2001:db8:1:2::1%eth0')).toBe(home);
    expect(addressBlockOf('2001:db8:1:2::10.0.0.1')).toBe(home);
    expect(addressBlockOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressBlockOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBlockOf('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps anything that is not an address as written', () => {
    expect(addressBlockOf('unknown')).toBe('unknown');
    expect(addressBlockOf('')).toBe('');
  });
});

describe('the address a failure is counted against', () => {
  it('is the IPv4 address itself, also when written IPv4-mapped', () => {
    expect(addressBlockOf('192.0.2.7')).toBe('192.0.2.7');
    expect(addressBlockOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('is the /64 of an IPv6 address, however it is spelled', () => {
    expect(addressBlockOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBlockOf('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBlockOf('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(addressBlockOf('::1')).toBe('0:0:0:0::/64');
    expect(addressBlockOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

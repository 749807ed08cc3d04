import { describe, expect, it } from 'vitest';
import { addressProblem } from './link-dialog.js';

describe("the Link dialog's address", () => {
  it('takes an address on another site, a path on this one, or an email address', () => {
    for (const href of ['https://example.com/report', 'http://example.org', '/politics/', 'mailto:desk@example.com'])
      expect(addressProblem(href), href).toBeNull();
  });

  it('asks for an address when none is written', () => {
    expect(addressProblem('')).toBe('Write the address the words should lead to.');
  });

  it('says to add https:// to an address written without it', () => {
    expect(addressProblem('example.com/report')).toBe('Start the address with https:// (https://example.com/report).');
  });

  it('refuses a script address, or one leaving the site through a double slash, saying what is taken', () => {
    for (const href of ['javascript:alert(1)', '//evil.example/x', 'data:text/html,hi'])
      expect(addressProblem(href), href).toBe(
        'Use an address starting with https://, http:// or mailto:, or a path on this site starting with /.',
      );
  });
});

import { describe, expect, it } from 'vitest';
import { keptTextDiffers, siteTime } from './kept-copy.js';

const form = { headline: 'Ferry Adds a Late Sailing', body: 'The last ferry leaves at eleven.', revision: '4' };

describe('a kept copy of the editor form', () => {
  it('differs when a field holds other words', () => {
    expect(keptTextDiffers({ ...form, body: 'The last ferry leaves at midnight.' }, form)).toBe(true);
    expect(keptTextDiffers({ ...form, headline: 'Ferry Drops a Sailing' }, form)).toBe(true);
  });

  it('does not differ when only the revision it was typed on differs', () => {
    expect(keptTextDiffers({ ...form, revision: '3' }, form)).toBe(false);
  });

  it('does not differ when a body is spelt another way with the same meaning, or only outer spaces differ', () => {
    const shown = { ...form, body: 'One *quiet* line.\n\nTwo.' };
    expect(keptTextDiffers({ ...shown, body: 'One _quiet_ line.\r\n\r\n\r\nTwo.\n' }, shown)).toBe(false);
    expect(keptTextDiffers({ ...form, headline: ' Ferry Adds a Late Sailing  ' }, form)).toBe(false);
  });

  it('leaves out fields the form does not have', () => {
    expect(keptTextDiffers({ ...form, note: 'An old note.' }, form)).toBe(false);
  });
});

describe('the time of a kept copy', () => {
  it("is printed in the site's zone, as the newsroom prints its times", () => {
    expect(siteTime(new Date('2026-01-21T04:01:00Z'), { timeZone: 'Asia/Tokyo', label: 'JST' })).toBe(
      '13:01 JST, January 21, 2026',
    );
  });

  it("falls back to the browser's own clock for a zone it does not know", () => {
    const at = new Date('2026-01-21T04:01:00Z');
    expect(siteTime(at, { timeZone: 'Mars/Olympus', label: 'MST' })).toBe(at.toLocaleString());
  });
});

import { describe, expect, it } from 'vitest';
import { keptTextDiffers, keptValuesOf, restoreKeptValues, siteTime, type KeptControl } from './kept-copy.js';

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

/** The editor form's controls as the browser has them: a headline, the CSRF token, a custom field's checkbox… */
const controls = (exclusive: boolean, significant = false): KeptControl[] => [
  { name: '_csrf', type: 'hidden', value: 'token', disabled: false },
  { name: 'revision', type: 'hidden', value: '4', disabled: false },
  { name: 'headline', type: 'text', value: 'Ferry Adds a Late Sailing', disabled: false },
  { name: 'section', type: 'select-one', value: 'politics', disabled: false },
  { name: 'custom-exclusive', type: 'checkbox', value: 'on', checked: exclusive, disabled: false },
  { name: 'significant', type: 'checkbox', value: '1', checked: significant, disabled: false },
  { name: 'photo', type: 'file', value: '', disabled: false },
  { name: 'action', type: 'submit', value: 'save', disabled: false },
];
const byName = (list: KeptControl[], name: string): KeptControl => list.find((c) => c.name === name)!;

describe("the kept copy of a form's checkboxes", () => {
  it('keeps a ticked box as its value and a clear one as empty, and leaves out the token, files and buttons', () => {
    expect(keptValuesOf(controls(true))).toEqual({
      revision: '4',
      headline: 'Ferry Adds a Late Sailing',
      section: 'politics',
      'custom-exclusive': 'on',
      significant: '',
    });
    expect(keptValuesOf(controls(false))['custom-exclusive']).toBe('');
  });

  it('differs from the form when only a box was ticked or cleared', () => {
    expect(keptTextDiffers(keptValuesOf(controls(true)), keptValuesOf(controls(false)))).toBe(true);
    expect(keptTextDiffers(keptValuesOf(controls(false)), keptValuesOf(controls(true)))).toBe(true);
  });

  it('ticks a box the copy kept ticked, and clears one it kept clear, without changing what it sends', () => {
    const form = controls(false, true);
    restoreKeptValues(form, keptValuesOf(controls(true, false)));
    expect(byName(form, 'custom-exclusive')).toMatchObject({ checked: true, value: 'on' });
    expect(byName(form, 'significant')).toMatchObject({ checked: false, value: '1' });
  });

  it('puts text back, leaves fields the copy does not name, and never the revision or hidden fields', () => {
    const form = controls(true);
    restoreKeptValues(form, { headline: 'Ferry Drops a Sailing', revision: '3', _csrf: 'old' });
    expect(byName(form, 'headline').value).toBe('Ferry Drops a Sailing');
    expect(byName(form, 'custom-exclusive').checked).toBe(true);
    expect(byName(form, 'revision').value).toBe('4');
    expect(byName(form, '_csrf').value).toBe('token');
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

import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../plugins/contract.js';
import {
  customFormValues,
  parseStoredCustomFields,
  readCustomFields,
  serializeCustomFields,
  typedCustomFields,
} from './custom-fields.js';

const field = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name: 'f',
  label: 'F',
  type,
  ...extra,
});

/** One field's typed text read as a draft's save reads it: the stored value, or the message. */
const read = (def: FieldDefinition, typed: string, requireFilled = false) => {
  const out = readCustomFields([def], { f: typed }, {}, { requireFilled });
  return out.errors['custom-f'] ?? out.values.f ?? null;
};

describe('custom fields', () => {
  it('read text as one line, trimmed, up to 500 characters', () => {
    expect(read(field('text'), '  Bayside \n Shipping ')).toBe('Bayside Shipping');
    expect(read(field('text'), 'x'.repeat(500))).toBe('x'.repeat(500));
    expect(read(field('text'), 'x'.repeat(501))).toBe('Keep “F” under 500 characters.');
    expect(read(field('text'), '   ')).toBeNull();
  });

  it('take only http and https addresses', () => {
    expect(read(field('url'), 'https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(read(field('url'), 'http://example.org')).toBe('http://example.org');
    for (const bad of ['javascript:alert(1)', 'ftp://example.org', 'example.org', 'https://'])
      expect(read(field('url'), bad)).toBe('Give “F” as a web address starting with https:// or http://.');
  });

  it('take a select value only among its options', () => {
    const def = field('select', { options: ['North', 'South'] });
    expect(read(def, 'South')).toBe('South');
    expect(read(def, 'south')).toBe('Choose “F” from the list (North, South).');
  });

  it('take real calendar dates written year-month-day', () => {
    expect(read(field('date'), '2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '31/03/2026', '2026-3-31'])
      expect(read(field('date'), bad)).toBe('Give “F” as a date, year-month-day (2026-03-31).');
  });

  it('read a checkbox as true when ticked and false when not sent', () => {
    expect(read(field('boolean'), 'on')).toBe(true);
    expect(read(field('boolean'), '')).toBe(false);
    expect(read(field('boolean'), 'yes')).toBe('Tick “F” or leave it unticked.');
  });

  it('ask for required fields only when the article goes on', () => {
    expect(read(field('text', { required: true }), '')).toBeNull();
    expect(read(field('text', { required: true }), '', true)).toBe(
      'Fill in “F” before the article goes to review or is published.',
    );
    expect(read(field('boolean', { required: true }), '', true)).toBe(
      'Tick “F” before the article goes to review or is published.',
    );
    expect(read(field('boolean', { required: true }), 'on', true)).toBe(true);
  });

  it('keep the stored values of fields no plugin defines, and only those', () => {
    const out = readCustomFields(
      [field('text')],
      { f: 'new', gone: 'typed' },
      { f: 'old', gone: 'kept', flag: true },
      { requireFilled: false },
    );
    expect(out).toEqual({ values: { gone: 'kept', flag: true, f: 'new' }, errors: {} });
  });

  it('pick the custom fields out of a form post, strings only', () => {
    expect(
      typedCustomFields({ headline: 'H', 'custom-sponsor': 'B', 'custom-Bad': 'x', 'custom-list': ['a'], custom: 'y' }),
    ).toEqual({ sponsor: 'B' });
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`custom-f${i}`, 'v']));
    expect(Object.keys(typedCustomFields(many))).toHaveLength(100);
  });

  it('spell stored values as the form does', () => {
    expect(customFormValues({ sponsor: 'B', exclusive: true, other: false })).toEqual({
      'custom-sponsor': 'B',
      'custom-exclusive': 'on',
      'custom-other': '',
    });
  });

  it('store nothing for no values, and read back only objects of strings and booleans', () => {
    expect(serializeCustomFields({})).toBeNull();
    expect(parseStoredCustomFields(serializeCustomFields({ a: 'x', b: false }))).toEqual({ a: 'x', b: false });
    expect(parseStoredCustomFields(null)).toEqual({});
    expect(parseStoredCustomFields('{"a":')).toEqual({});
    expect(parseStoredCustomFields('{"a":1}')).toEqual({});
    expect(parseStoredCustomFields('[1]')).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { formValuesOf } from './article-form.js';

describe('formValuesOf', () => {
  it('keeps the custom fields a post carried, as text, beside the form fields', () => {
    const values = formValuesOf({ headline: 'H', 'custom-sponsor': 'Bayside', 'custom-Bad': 'x', other: 'y' });
    expect(values.headline).toBe('H');
    expect(values['custom-sponsor']).toBe('Bayside');
    expect(Object.keys(values).filter((k) => k.startsWith('custom-'))).toEqual(['custom-sponsor']);
  });

  it('reads back what it gave, as the sign-in form carries typed text across a lost session', () => {
    const typed = formValuesOf({ headline: 'H', 'custom-sponsor': 'Bayside', 'custom-exclusive': 'on' });
    expect(formValuesOf(JSON.parse(JSON.stringify(typed)))).toEqual(typed);
  });
});

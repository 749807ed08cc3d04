import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../plugins/contract.js';
import { customFieldChanges } from './custom-field-changes.js';

const FIELDS: FieldDefinition[] = [
  { name: 'sponsor', label: 'Sponsor', type: 'text' },
  { name: 'region', label: 'Region', type: 'select', options: ['North', 'South'] },
  { name: 'exclusive', label: 'Exclusive', type: 'boolean' },
];

describe('customFieldChanges', () => {
  it('names each changed field by its label, in the plugins’ order, with the value before and after', () => {
    expect(
      customFieldChanges(
        FIELDS,
        { sponsor: 'Bayside Shipping', exclusive: false },
        { sponsor: 'Harbour Fund', region: 'North', exclusive: true },
      ),
    ).toEqual([
      { label: 'Sponsor', before: 'Bayside Shipping', after: 'Harbour Fund' },
      { label: 'Region', before: '(empty)', after: 'North' },
      { label: 'Exclusive', before: 'not ticked', after: 'ticked' },
    ]);
  });

  it('leaves out fields that did not change, and counts an unticked box the same as one never stored', () => {
    expect(
      customFieldChanges(FIELDS, { sponsor: 'Bayside Shipping' }, { sponsor: 'Bayside Shipping', exclusive: false }),
    ).toEqual([]);
  });

  it('shows an emptied field as empty', () => {
    expect(customFieldChanges(FIELDS, { region: 'South' }, {})).toEqual([
      { label: 'Region', before: 'South', after: '(empty)' },
    ]);
  });

  it('shows the changes of fields no plugin defines now by their stored names, after the defined ones', () => {
    expect(
      customFieldChanges(FIELDS, { retired_badge: 'gold', old_flag: true }, { retired_badge: 'silver', sponsor: 'X' }),
    ).toEqual([
      { label: 'Sponsor', before: '(empty)', after: 'X' },
      { label: 'old_flag', before: 'ticked', after: 'not ticked' },
      { label: 'retired_badge', before: 'gold', after: 'silver' },
    ]);
  });
});

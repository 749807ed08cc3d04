import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings } from './settings.js';

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

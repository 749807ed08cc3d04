import { describe, expect, it } from 'vitest';
import { adSlotsSettingsOf, adSlotsSettingsSchema, parseAdScriptUrl, parsePlacementLine } from './ad-slots-settings.js';

describe('ad-slots placement lines', () => {
  it('reads an inline placement after paragraphs 3 and 8 with two sizes, reserving the taller', () => {
    expect(parsePlacementLine('article-inline after 8, 3: 300x250, 336x280')).toEqual({
      ok: true,
      value: {
        slot: 'article-inline',
        after: [3, 8],
        sizes: [
          { width: 300, height: 250 },
          { width: 336, height: 280 },
        ],
        height: 280,
      },
    });
  });

  it('reads a rail placement without paragraphs', () => {
    expect(parsePlacementLine('  rail-top: 300x600 ')).toEqual({
      ok: true,
      value: { slot: 'rail-top', after: [], sizes: [{ width: 300, height: 600 }], height: 600 },
    });
  });

  it.each([
    ['rail-top 300x250', 'should read like'],
    ['head: 300x250', '"head" is not a slot boxes can go in'],
    ['sidebar: 300x250', '"sidebar" is not a slot'],
    ['article-inline: 300x250', 'article-inline needs the paragraphs'],
    ['rail-top after 3: 300x250', '"after" applies to article-inline only'],
    ['article-inline after 0: 300x250', '"0" is not a paragraph number'],
    ['article-inline after 3,x: 300x250', '"x" is not a paragraph number'],
    ['footer: 300 by 250', '"300 by 250" is not a size'],
    ['footer: 300x0', '"300x0" is not a size'],
    ['footer: 3000x250', '"3000x250" is not a size'],
  ])('refuses %j, saying why', (line, message) => {
    const parsed = parsePlacementLine(line);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});

describe('ad-slots settings', () => {
  it('gives the defaults before an admin saves any', () => {
    const s = adSlotsSettingsOf({});
    expect(s.placements.map((p) => [p.slot, p.after, p.height])).toEqual([
      ['article-inline', [3, 8], 250],
      ['rail-top', [], 250],
    ]);
    expect(s.label).toBeNull();
  });

  it('skips blank lines and keeps a label', () => {
    const s = adSlotsSettingsOf({ placements: ['', 'footer: 728x90', '  '], label: ' Anzeige ' });
    expect(s.placements).toHaveLength(1);
    expect(s.label).toBe('Anzeige');
  });

  it('reports every bad line on the placements field, for the newsroom form', () => {
    const result = adSlotsSettingsSchema.safeParse({
      placements: ['rail-top: 300x250', 'nowhere: 1x1', 'x'],
      label: '',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message.slice(0, 30)])).toEqual([
      ['placements', '"nowhere" is not a slot boxes '],
      ['placements', '"x" should read like "article-'],
    ]);
  });

  it('names the bad value when a slot is given settings the schema refuses', () => {
    expect(() => adSlotsSettingsOf({ placements: 'rail-top: 300x250' })).toThrow(/^ad-slots settings: placements: /);
  });
});

describe('the ad script URL', () => {
  it('takes an https URL and gives its origin', () => {
    const parsed = parseAdScriptUrl('https://ads.example.net/v2/fill.js?site=7');
    expect(parsed.ok && parsed.value.origin).toBe('https://ads.example.net');
  });

  it('takes http on this machine only', () => {
    expect(parseAdScriptUrl('http://127.0.0.1:4100/ad.js').ok).toBe(true);
    const remote = parseAdScriptUrl('http://ads.example.net/ad.js');
    expect(!remote.ok && remote.message).toContain('must be https://');
  });

  it.each([
    [undefined, 'DATELINE_AD_SCRIPT_URL is not set'],
    ['  ', 'DATELINE_AD_SCRIPT_URL is not set'],
    ['ads.example.net/ad.js', 'is not a URL'],
    ['javascript:alert(1)', 'must be https://'],
    ['https://u:p@ads.example.net/ad.js', 'user name or password'],
  ])('refuses %j', (value, message) => {
    const parsed = parseAdScriptUrl(value);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});

import { describe, expect, it } from 'vitest';
import { consentSettingsOf, consentSettingsSchema, parseNoticeLine, parseRecipientLine } from './consent-settings.js';

describe('consent settings', () => {
  it('reads a notice per edition language', () => {
    expect(parseNoticeLine('ja: サイトの説明です。')).toEqual({
      ok: true,
      value: { language: 'ja', text: 'サイトの説明です。' },
    });
    expect(parseNoticeLine('en-GB:We use cookies.')).toEqual({
      ok: true,
      value: { language: 'en-gb', text: 'We use cookies.' },
    });
  });

  it('refuses a notice line without a language', () => {
    const parsed = parseNoticeLine('We use cookies.');
    expect(!parsed.ok && parsed.message).toContain('should be a language, a colon and the notice');
  });

  it('reads a recipient as three parts and refuses any other count', () => {
    expect(parseRecipientLine('Example Ads Ltd | page address, browser | showing and measuring ads')).toEqual({
      ok: true,
      value: { name: 'Example Ads Ltd', data: 'page address, browser', purpose: 'showing and measuring ads' },
    });
    const parsed = parseRecipientLine('Example Ads Ltd | page address');
    expect(!parsed.ok && parsed.message).toContain('three parts');
  });

  it('gives six months, no notices and no policy link by default', () => {
    expect(consentSettingsOf({})).toEqual({ notices: [], policyUrl: null, cookieDays: 182, recipients: [] });
  });

  it('keeps the cookie between six and twelve months', () => {
    expect(consentSettingsSchema.shape.cookieDays.safeParse(365).success).toBe(true);
    expect(consentSettingsSchema.shape.cookieDays.safeParse(90).success).toBe(false);
    expect(consentSettingsSchema.shape.cookieDays.safeParse(400).success).toBe(false);
  });

  it('takes a policy address as a path or an http(s) URL, and nothing else', () => {
    expect(consentSettingsOf({ policyUrl: '/privacy/' }).policyUrl).toBe('/privacy/');
    expect(consentSettingsOf({ policyUrl: 'https://example.com/p' }).policyUrl).toBe('https://example.com/p');
    for (const bad of ['javascript:alert(1)', '//evil.example/', 'privacy'])
      expect(consentSettingsSchema.shape.policyUrl.safeParse(bad).success).toBe(false);
  });

  it('names each bad line for the newsroom form, and refuses them when a slot is rendered', () => {
    const raw = { notices: ['ja: ok', 'no language'], recipients: ['a | b'], policyUrl: '', cookieDays: 182 };
    const result = consentSettingsSchema.safeParse(raw);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['notices', 'recipients']);
    expect(() => consentSettingsOf(raw)).toThrow(/^consent settings: notices: .*; recipients: /);
  });
});

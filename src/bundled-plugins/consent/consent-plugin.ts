import { definePlugin, type SlotContext } from '../../plugins/contract.js';
import { escapeHtml, loadPluginAsset, serveAssets } from '../plugin-asset.js';
import { ConsentBanner, ConsentReopen } from './ConsentBanner.js';
import {
  CONSENT_DEFAULTS,
  consentSettingsOf,
  consentSettingsSchema,
  type ConsentSettings,
} from './consent-settings.js';
import { consentWordsFor } from './consent-words.js';

export const CONSENT_COOKIE = 'dateline_consent';

/** The edition's own notice from the settings (its exact language first, then the language alone), if any. */
export const noticeFor = (settings: ConsentSettings, language: string): string | null => {
  const lang = language.toLowerCase();
  const primary = lang.split('-')[0]!;
  return (
    settings.notices.find((n) => n.language === lang)?.text ??
    settings.notices.find((n) => n.language === primary)?.text ??
    null
  );
};

const isJapanese = (language: string): boolean => language.toLowerCase().split('-')[0] === 'ja';

/**
 * The consent plugin: a first-party banner (necessary / analytics / advertising), the reader's choice in the
 * `dateline_consent` cookie, Global Privacy Control honoured, and `window.dateline.consent` for other plugins.
 * Its script and stylesheet are served by its own routes, so `script-src 'self'` admits them.
 */
export const createConsentPlugin = () => {
  const script = loadPluginAsset('consent', 'consent.js');
  const style = loadPluginAsset('consent', 'consent.css');
  return definePlugin({
    name: 'consent',
    version: '1.0.0',
    settings: { schema: consentSettingsSchema, defaults: CONSENT_DEFAULTS },
    routes: (app) => serveAssets(app, [script, style]),
    slots: {
      head: () =>
        `<link rel="stylesheet" href="${escapeHtml(style.href)}"><script src="${escapeHtml(script.href)}" defer></script>`,
      'body-start': (ctx: SlotContext) => {
        const settings = consentSettingsOf(ctx.settings);
        const { language } = ctx.edition;
        const words = consentWordsFor(language);
        return ConsentBanner({
          words,
          notice: noticeFor(settings, language) ?? words.notice,
          settings,
          showRecipients: isJapanese(language) || settings.recipients.length > 0,
        });
      },
      footer: (ctx: SlotContext) => ConsentReopen({ words: consentWordsFor(ctx.edition.language) }),
    },
  });
};

import { z } from 'zod';

/** A line of `notices`: an edition's language, a colon, and the notice it shows instead of the built-in one. */
export interface NoticeOverride {
  language: string;
  text: string;
}
/** A line of `recipients`: who receives data from the reader's browser, what and why (Japan's 外部送信規律). */
export interface Recipient {
  name: string;
  data: string;
  purpose: string;
}
export interface ConsentSettings {
  notices: NoticeOverride[];
  policyUrl: string | null;
  cookieDays: number;
  recipients: Recipient[];
}

/** Six months: the shortest a choice is kept, and the default; twelve the longest (see docs/extending.md). */
export const COOKIE_DAYS = { min: 182, max: 365 } as const;

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const NOTICE_LINE = /^([a-z]{2,3}(?:-[a-z0-9]{1,8})*)\s*:\s*(\S.*)$/i;

/** `ja: 本文…` → { language: 'ja', text }. */
export function parseNoticeLine(line: string): Parsed<NoticeOverride> {
  const m = NOTICE_LINE.exec(line.trim());
  if (!m) return { ok: false, message: `"${line}" should be a language, a colon and the notice, e.g. "ja: …"` };
  return { ok: true, value: { language: m[1]!.toLowerCase(), text: m[2]!.trim() } };
}

/** `Name | what is sent | why` → a recipient. */
export function parseRecipientLine(line: string): Parsed<Recipient> {
  const parts = line.split('|').map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p === ''))
    return { ok: false, message: `"${line}" should be three parts: recipient | information sent | purpose` };
  return { ok: true, value: { name: parts[0]!, data: parts[1]!, purpose: parts[2]! } };
}

/** Checks every non-blank line of a textarea with `parse`, reporting each bad line on the field. */
const linesOf =
  <T>(parse: (line: string) => Parsed<T>) =>
  (lines: string[], ctx: z.RefinementCtx): void => {
    for (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = parse(line);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }
  };

const isPolicyUrl = (s: string): boolean => s === '' || /^\/(?!\/)\S*$/.test(s) || /^https?:\/\/\S+$/.test(s);

/** The settings form (Newsroom → Settings → Plugins): one field each, line lists as one-per-line textareas. */
export const consentSettingsSchema = z.object({
  notices: z
    .array(z.string())
    .superRefine(linesOf(parseNoticeLine))
    .describe('Notice per edition language, one per line (ja: …); empty: the built-in words'),
  policyUrl: z
    .string()
    .trim()
    .refine(isPolicyUrl, 'should be empty, a path such as /privacy/, or an http(s) URL')
    .describe('Privacy policy address (a path or an http(s) URL; empty: no link)'),
  cookieDays: z
    .number()
    .int()
    .min(COOKIE_DAYS.min)
    .max(COOKIE_DAYS.max)
    .describe('Days the choice is kept (182 to 365)'),
  recipients: z
    .array(z.string())
    .superRefine(linesOf(parseRecipientLine))
    .describe('Who receives data, one per line: recipient | information sent | purpose'),
});

export const CONSENT_DEFAULTS = { notices: [], policyUrl: '', cookieDays: COOKIE_DAYS.min, recipients: [] };

const valuesOf = <T>(lines: string[], parse: (line: string) => Parsed<T>): T[] =>
  lines.flatMap((line) => {
    const parsed = line.trim() === '' ? null : parse(line);
    return parsed?.ok ? [parsed.value] : [];
  });

/**
 * The settings a slot is given (saved values, or the defaults) as the plugin uses them. Saved values passed the
 * schema when the newsroom stored them; anything else is refused with every problem named, and the slot that
 * asked is logged and left empty.
 */
export function consentSettingsOf(raw: Record<string, unknown>): ConsentSettings {
  let known = parsedConsentSettings.get(raw);
  if (!known) parsedConsentSettings.set(raw, (known = parseConsentSettings(raw)));
  return known;
}
/** By the registry's settings object, which stays the same until the settings change: parsed once, not per slot. */
const parsedConsentSettings = new WeakMap<Record<string, unknown>, ConsentSettings>();

function parseConsentSettings(raw: Record<string, unknown>): ConsentSettings {
  const parsed = consentSettingsSchema.safeParse({ ...CONSENT_DEFAULTS, ...raw });
  if (!parsed.success)
    throw new Error(
      `consent settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const s = parsed.data;
  return {
    notices: valuesOf(s.notices, parseNoticeLine),
    policyUrl: s.policyUrl === '' ? null : s.policyUrl,
    cookieDays: s.cookieDays,
    recipients: valuesOf(s.recipients, parseRecipientLine),
  };
}

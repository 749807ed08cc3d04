import { z } from 'zod';
import { isValidTimeZone } from './dateline.js';
import type { OriginRule, OriginSource } from './public-origin.js';

/** An uploaded image the settings point at: enough to write its variants' addresses without a query. */
export const PublisherImageSchema = z.object({
  mediaId: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type PublisherImage = z.infer<typeof PublisherImageSchema>;

/** Publication-wide settings. Stored in the database so the newsroom can change them; these are the defaults. */
export const SiteSettingsSchema = z.object({
  publicationName: z.string().min(1).max(120),
  /** Used in "{shortName} ACCESS RANKING". */
  shortName: z.string().min(1).max(20),
  timeZone: z.string().refine(isValidTimeZone, 'not a known IANA time zone'),
  /** Printed in datelines, e.g. "JST"; Intl would print "GMT+9". */
  timeZoneLabel: z.string().min(1).max(10),
  /** BCP 47 language tag for <html lang>. */
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/),
  /** Absolute origin used in canonical links, feeds and sitemaps, without a trailing slash. */
  baseUrl: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, '')),
  tagline: z.string().max(200),
  /** The publisher's logo (masthead, JSON-LD) and square icon (favicon, app icons); null: drawn from the initials. */
  logo: PublisherImageSchema.nullable(),
  icon: PublisherImageSchema.nullable(),
  /** The publication's X/Twitter account for twitter:site, "@name"; empty when it has none. */
  twitterHandle: z.string().regex(/^(@[A-Za-z0-9_]{1,15})?$/),
  /** The organisation's own profiles elsewhere (JSON-LD sameAs). */
  sameAs: z.array(z.string().url().startsWith('http')).max(20),
  /** What feeds carry of each article: the whole body, or only its standfirst. */
  feedContent: z.enum(['full', 'summary'], { error: 'Choose whole articles or summaries only.' }),
  /**
   * The slug of the section an article made through the Admin API goes to when none of its tags names a section
   * (issue 16); empty: the first top-level section.
   */
  defaultSection: z.string().max(80),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const DEFAULT_SETTINGS: SiteSettings = {
  publicationName: 'Dateline News',
  shortName: 'DN',
  timeZone: 'Asia/Tokyo',
  timeZoneLabel: 'JST',
  language: 'en',
  baseUrl: 'http://127.0.0.1:3000',
  tagline: 'News from Tokyo and the world',
  logo: null,
  icon: null,
  twitterHandle: '',
  sameAs: [],
  feedContent: 'full',
  defaultSection: '',
};

/** No environment and the default port: what a test or a tool reading the settings alone gets. */
const DEFAULT_ORIGIN: OriginRule = { fixed: null, fallback: DEFAULT_SETTINGS.baseUrl };

/**
 * Stored values override the defaults field by field; a stored value that no longer validates is ignored. The
 * public address follows `origin`: DATELINE_BASE_URL wins over a stored one, the server's own stands in for none.
 */
export const mergeSettings = (stored: Record<string, unknown>, origin: OriginRule = DEFAULT_ORIGIN): SiteSettings => {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS, baseUrl: origin.fallback };
  for (const [key, value] of Object.entries(stored)) {
    const field = SiteSettingsSchema.shape[key as keyof SiteSettings];
    if (field && field.safeParse(value).success) merged[key] = value;
  }
  if (origin.fixed !== null) merged.baseUrl = origin.fixed;
  return SiteSettingsSchema.parse(merged);
};

/** Which of the environment, the stored setting and the server's own address gave mergeSettings its baseUrl. */
export const originSourceOf = (stored: Record<string, unknown>, origin: OriginRule): OriginSource => {
  if (origin.fixed !== null) return 'environment';
  return SiteSettingsSchema.shape.baseUrl.safeParse(stored.baseUrl).success ? 'settings' : 'server';
};

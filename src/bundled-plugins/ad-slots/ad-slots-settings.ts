import { z } from 'zod';
import { SLOT_NAMES, type SlotName } from '../../plugins/contract.js';

export interface AdSize {
  width: number;
  height: number;
}
/** One line of `placements`: where boxes go and which ad sizes they take. */
export interface Placement {
  slot: Exclude<SlotName, 'head'>;
  /** For article-inline: after which paragraphs (1-based), ascending; empty elsewhere. */
  after: number[];
  sizes: AdSize[];
  /** The tallest size: the box's reserved height, so a shorter or equal ad moves nothing. */
  height: number;
}
export interface AdSlotsSettings {
  placements: Placement[];
  /** The label above every box; null: the edition's own word (Advertisement, 広告). */
  label: string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const BOX_SLOTS = SLOT_NAMES.filter((s): s is Exclude<SlotName, 'head'> => s !== 'head');
const MAX_SIDE = 2000;
const MAX_PARAGRAPH = 200;
const LINE = /^([a-z-]+)(?:\s+after\s+([^:]*))?\s*:\s*(.*)$/i;
const SIZE = /^(\d{1,4})\s*x\s*(\d{1,4})$/i;

function parseAfter(slot: string, text: string | undefined): Parsed<number[]> {
  if (slot !== 'article-inline')
    return text === undefined
      ? { ok: true, value: [] }
      : { ok: false, message: `"after" applies to article-inline only, not ${slot}` };
  if (text === undefined || text.trim() === '')
    return {
      ok: false,
      message: 'article-inline needs the paragraphs to follow, e.g. "article-inline after 3,8: 300x250"',
    };
  const numbers: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const n = /^\d{1,3}$/.test(part) ? Number(part) : NaN;
    if (!(n >= 1 && n <= MAX_PARAGRAPH))
      return { ok: false, message: `"${part}" is not a paragraph number from 1 to ${MAX_PARAGRAPH}` };
    if (!numbers.includes(n)) numbers.push(n);
  }
  return { ok: true, value: numbers.sort((a, b) => a - b) };
}

function parseSizes(text: string): Parsed<AdSize[]> {
  const sizes: AdSize[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = SIZE.exec(part);
    const width = Number(m?.[1]);
    const height = Number(m?.[2]);
    if (!m || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
      return { ok: false, message: `"${part}" is not a size such as 300x250 (sides 1 to ${MAX_SIDE} px)` };
    sizes.push({ width, height });
  }
  return { ok: true, value: sizes };
}

/** `article-inline after 3,8: 300x250, 336x280` or `rail-top: 300x250` → a placement. */
export function parsePlacementLine(line: string): Parsed<Placement> {
  const m = LINE.exec(line.trim());
  if (!m)
    return {
      ok: false,
      message: `"${line}" should read like "article-inline after 3,8: 300x250" or "rail-top: 300x600"`,
    };
  const slot = m[1]!.toLowerCase();
  if (!(BOX_SLOTS as readonly string[]).includes(slot))
    return { ok: false, message: `"${slot}" is not a slot boxes can go in (${BOX_SLOTS.join(', ')})` };
  const after = parseAfter(slot, m[2]);
  if (!after.ok) return after;
  const sizes = parseSizes(m[3]!);
  if (!sizes.ok) return sizes;
  return {
    ok: true,
    value: {
      slot: slot as Placement['slot'],
      after: after.value,
      sizes: sizes.value,
      height: Math.max(...sizes.value.map((s) => s.height)),
    },
  };
}

const placementLines = (lines: string[], ctx: z.RefinementCtx): void => {
  for (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = parsePlacementLine(line);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  }
};

/** The settings form: placements one per line; the label (empty: the edition's own word). */
export const adSlotsSettingsSchema = z.object({
  placements: z
    .array(z.string())
    .max(50)
    .superRefine(placementLines)
    .describe('Placements, one per line (article-inline after 3,8: 300x250 · rail-top: 300x600)'),
  label: z.string().trim().max(40).describe('Label above each box (empty: the edition’s word, Advertisement or 広告)'),
});

export const AD_SLOTS_DEFAULTS = {
  placements: ['article-inline after 3,8: 300x250', 'rail-top: 300x250'],
  label: '',
};

/** The settings a slot is given, as the plugin uses them; values the schema refuses are named in the error. */
export function adSlotsSettingsOf(raw: Record<string, unknown>): AdSlotsSettings {
  let known = parsedAdSlotsSettings.get(raw);
  if (!known) parsedAdSlotsSettings.set(raw, (known = parseAdSlotsSettings(raw)));
  return known;
}
/** By the registry's settings object, which stays the same until the settings change: parsed once, not per slot. */
const parsedAdSlotsSettings = new WeakMap<Record<string, unknown>, AdSlotsSettings>();

function parseAdSlotsSettings(raw: Record<string, unknown>): AdSlotsSettings {
  const parsed = adSlotsSettingsSchema.safeParse({ ...AD_SLOTS_DEFAULTS, ...raw });
  if (!parsed.success)
    throw new Error(
      `ad-slots settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return {
    placements: parsed.data.placements.flatMap((line) => {
      const p = line.trim() === '' ? null : parsePlacementLine(line);
      return p?.ok ? [p.value] : [];
    }),
    label: parsed.data.label === '' ? null : parsed.data.label,
  };
}

/**
 * The ad script's address, from DATELINE_AD_SCRIPT_URL when the plugin loads: an https URL (http only on this
 * machine, for tests). It is read at load, not from the settings, because its origin widens the reader pages'
 * Content-Security-Policy, which is fixed for the life of the process and is the operator's decision.
 */
export function parseAdScriptUrl(value: string | undefined): Parsed<URL> {
  if (value === undefined || value.trim() === '')
    return { ok: false, message: 'DATELINE_AD_SCRIPT_URL is not set: the ad-slots plugin needs the ad script’s URL' };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, message: `DATELINE_AD_SCRIPT_URL "${value}" is not a URL` };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    return { ok: false, message: `DATELINE_AD_SCRIPT_URL "${value}" must be https:// (http:// only on localhost)` };
  if (url.username || url.password)
    return { ok: false, message: 'DATELINE_AD_SCRIPT_URL must not carry a user name or password' };
  return { ok: true, value: url };
}

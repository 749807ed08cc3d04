import type { SlotContext, SlotName } from '../../plugins/contract.js';
import { escapeHtml } from '../plugin-asset.js';
import type { AdSlotsSettings, Placement } from './ad-slots-settings.js';

const LABELS: Record<string, string> = { en: 'Advertisement', ja: '広告' };

/** The label above each box: the settings' own, else the edition's word, else English. */
export const adLabelFor = (settings: AdSlotsSettings, language: string): string =>
  settings.label ?? LABELS[language.toLowerCase().split('-')[0]!] ?? LABELS.en!;

/** The class that reserves a box's height; boxes.css?h=… defines one per height in use. */
export const heightClass = (height: number): string => `dl-ad-h${height}`;

/** The reserved heights of every placement, ascending and once each: the query of boxes.css. */
export const heightsOf = (settings: AdSlotsSettings): number[] =>
  [...new Set(settings.placements.map((p) => p.height))].sort((a, b) => a - b);

const box = (placement: Placement, position: number, label: string): string =>
  `<div class="dl-ad" data-ad-slot="${placement.slot}" data-ad-position="${position}">` +
  `<span class="dl-ad-label">${escapeHtml(label)}</span>` +
  `<div class="dl-ad-box ${heightClass(placement.height)}" data-ad-sizes="${placement.sizes
    .map((s) => `${s.width}x${s.height}`)
    .join(',')}"></div></div>`;

/**
 * The boxes of one slot on one page: in article-inline, those placed after this paragraph; elsewhere every
 * placement of the slot, numbered in order. Empty boxes, their height reserved: the ad script fills them.
 */
export function renderBoxes(
  settings: AdSlotsSettings,
  slot: SlotName,
  ctx: Pick<SlotContext, 'edition' | 'paragraph'>,
): string {
  const label = adLabelFor(settings, ctx.edition.language);
  const here = settings.placements.filter((p) => p.slot === slot);
  if (slot === 'article-inline')
    return here
      .filter((p) => ctx.paragraph !== undefined && p.after.includes(ctx.paragraph))
      .map((p) => box(p, ctx.paragraph!, label))
      .join('');
  return here.map((p, i) => box(p, i + 1, label)).join('');
}

/** boxes.css: one min-height rule per height. */
export const boxesCss = (heights: readonly number[]): string =>
  heights.map((h) => `.${heightClass(h)}{min-height:${h}px}`).join('\n') + '\n';

/** `250,600` → [250, 600], or why the query is refused. */
export function parseHeightsQuery(value: unknown): { ok: true; value: number[] } | { ok: false; message: string } {
  if (typeof value !== 'string' || !/^\d{1,4}(,\d{1,4}){0,49}$/.test(value))
    return { ok: false, message: 'h must be up to 50 heights in pixels, separated by commas, e.g. h=250,600' };
  const heights = value.split(',').map(Number);
  if (heights.some((h) => h < 1 || h > 2000)) return { ok: false, message: 'each height must be from 1 to 2000' };
  return { ok: true, value: [...new Set(heights)].sort((a, b) => a - b) };
}

import { readFileSync } from 'node:fs';
import type { PageDateline } from './page-text.js';

/** Shared by the page-text tests: the page fixtures and the pieces of a page they assemble. */

export const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/pages/${name}.txt`, import.meta.url), 'utf8');

export const lines = (...texts: string[]): string => texts.join('\n');

export const HEADLINE = 'Coastal Town Opens Its First Public Observatory';
export const DATELINE = '21:15 JST, August 8, 2025';
export const PARAGRAPH = 'The observatory sits on a hill above the harbor and opens to visitors every clear night.';

export const dateline = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zoneLabel: string | null,
): PageDateline => ({ wallTime: { year, month, day, hour, minute }, zoneLabel });

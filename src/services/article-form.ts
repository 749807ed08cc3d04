import { imageIdsOf } from '../domain/body.js';
import { parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';
import { typedCustomFields } from '../domain/custom-fields.js';

/** The editor form exactly as typed: every value a string, so it can be shown again unchanged. */
export interface ArticleFormValues {
  headline: string;
  standfirst: string;
  body: string;
  section: string;
  authors: string;
  tags: string;
  slug: string;
  seoDescription: string;
  /** The main photo's media id: from the stored article, or from an upload kept across a failed save. */
  photoMediaId: string;
  photoCaption: string;
  photoCredit: string;
  photoAlt: string;
  significant: string;
  scheduleAt: string;
  note: string;
  revision: string;
  /** Plugins' custom fields (domain/custom-fields.ts), by form name: `custom-sponsor`. */
  [custom: `custom-${string}`]: string | undefined;
}

export const emptyForm = (): ArticleFormValues => ({
  headline: '',
  standfirst: '',
  body: '',
  section: '',
  authors: '',
  tags: '',
  slug: '',
  seoDescription: '',
  photoMediaId: '',
  photoCaption: '',
  photoCredit: '',
  photoAlt: '',
  significant: '',
  scheduleAt: '',
  note: '',
  revision: '',
});

const FORM_KEYS = Object.keys(emptyForm()) as (keyof ArticleFormValues)[];

const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

/** Takes whatever a form post carried and keeps only our fields, as strings. */
export const formValuesOf = (body: unknown): ArticleFormValues => {
  const given = new Map(body !== null && typeof body === 'object' ? Object.entries(body) : []);
  const out = emptyForm();
  for (const key of FORM_KEYS) out[key] = str(given.get(key)).slice(0, 300_000);
  const custom: Record<string, unknown> = {};
  for (const [key, value] of given) custom[key] = str(value);
  for (const [name, value] of Object.entries(typedCustomFields(custom))) out[`custom-${name}`] = value.slice(0, 10_000);
  return out;
};

/** Library ids of the images a body (as markup) places, for previews and checks. */
export const bodyImageIds = (markup: string): number[] => imageIdsOf(parseBodyMarkup(markup));

/** Adds an image block at the end of a body typed as markup (the no-JavaScript editor's way to place one). */
export const appendBodyImage = (
  markup: string,
  image: { mediaId: number; alt: string; caption: string; credit: string },
): string => {
  const block = serializeBodyMarkup([
    {
      type: 'image',
      mediaId: image.mediaId,
      alt: image.alt.trim(),
      ...(image.caption.trim() ? { caption: image.caption.trim() } : {}),
      ...(image.credit.trim() ? { credit: image.credit.trim() } : {}),
    },
  ]);
  return markup.trim() === '' ? block : `${markup.trimEnd()}\n\n${block}`;
};

/**
 * Checks for the JSON the newsroom's browser code reads: what the server answers and what this browser kept.
 * Hand-written rather than zod, which would more than double the editor bundle. Each returns only what it
 * could confirm; the callers treat anything else as absent.
 */

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberIn = (value: Fields, key: string): number | undefined => {
  const field = value[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
};
const stringIn = (value: Fields, key: string): string | undefined => {
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
};

/** JSON text parsed, or undefined when it is not JSON. */
const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Preview addresses by library id, from the body field's data-media attribute; other entries are left out. */
export const mediaPreviews = (text: string | undefined): Map<number, string> => {
  const value = parsed(text || '{}');
  const previews = new Map<number, string>();
  if (!isFields(value)) return previews;
  for (const [id, url] of Object.entries(value)) {
    if (/^\d+$/.test(id) && typeof url === 'string') previews.set(Number(id), url);
  }
  return previews;
};

/** The form as this browser kept it while the writer typed: when, and each field's text. */
export interface KeptCopy {
  at: number;
  values: Record<string, string>;
}

/** The kept copy in `text`, or null when it is not one (written by an older version of this code, or altered). */
export const keptCopy = (text: string): KeptCopy | null => {
  const value = parsed(text);
  if (!isFields(value) || !isFields(value.values)) return null;
  const at = numberIn(value, 'at');
  if (at === undefined) return null;
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(value.values)) {
    if (typeof field !== 'string') return null;
    values[name] = field;
  }
  return { at, values };
};

/** What a save or an upload answers: the ids on success, our error envelope's message on refusal. */
export interface ServerAnswer {
  id?: number;
  revision?: number;
  preview?: string;
  errorMessage?: string;
}

export const serverAnswer = (value: unknown): ServerAnswer => {
  if (!isFields(value)) return {};
  const answer: ServerAnswer = {};
  const id = numberIn(value, 'id');
  const revision = numberIn(value, 'revision');
  const preview = stringIn(value, 'preview');
  const errorMessage = isFields(value.error) ? stringIn(value.error, 'message') : undefined;
  if (id !== undefined) answer.id = id;
  if (revision !== undefined) answer.revision = revision;
  if (preview !== undefined) answer.preview = preview;
  if (errorMessage !== undefined) answer.errorMessage = errorMessage;
  return answer;
};

export interface LibraryImage {
  id: number;
  preview: string;
  width: number;
  height: number;
}

/** One page of the image library (GET /newsroom/media as JSON). */
export interface LibraryPage {
  images: LibraryImage[];
  hasOlder: boolean;
}

const libraryImage = (value: unknown): LibraryImage | null => {
  if (!isFields(value)) return null;
  const id = numberIn(value, 'id');
  const preview = stringIn(value, 'preview');
  const width = numberIn(value, 'width');
  const height = numberIn(value, 'height');
  if (id === undefined || preview === undefined || width === undefined || height === undefined) return null;
  return { id, preview, width, height };
};

/** The library page in `value`, or null when it is not one. */
export const libraryPage = (value: unknown): LibraryPage | null => {
  if (!isFields(value) || !Array.isArray(value.images) || typeof value.hasOlder !== 'boolean') return null;
  const images: LibraryImage[] = [];
  for (const item of value.images) {
    const image = libraryImage(item);
    if (!image) return null;
    images.push(image);
  }
  return { images, hasOlder: value.hasOlder };
};

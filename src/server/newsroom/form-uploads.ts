import type { z } from 'zod';
import { appendBodyImage } from '../../services/article-form.js';
import { InvalidInput } from '../../services/errors.js';
import { ImageRejected } from '../../services/store-image.js';
import type { Db } from '../../storage/database.js';
import { FormText } from '../route-schemas.js';
import { hasFile, storeUpload, UploadField, type Upload } from './uploads.js';

/** The fields an article's and a page's form share: the main photo with its words, and an image for the body. */
export const PHOTO_AND_IMAGE_FIELDS = {
  photoMediaId: FormText,
  photoCaption: FormText,
  photoCredit: FormText,
  photoAlt: FormText,
  removePhoto: FormText,
  photo: UploadField,
  bodyImage: UploadField,
  bodyImageAlt: FormText,
  bodyImageCaption: FormText,
  bodyImageCredit: FormText,
};

type FormUploads = z.output<z.ZodObject<typeof PHOTO_AND_IMAGE_FIELDS>>;

export interface FormUploadsDeps {
  db: Db;
  clock: () => Date;
}

/** Stores one upload; an image the store refused is a message by its field of the form. */
const store = async (deps: FormUploadsDeps, upload: Upload, field: string, what: string): Promise<number> => {
  try {
    return await storeUpload(deps.db, upload, deps.clock());
  } catch (error) {
    if (!(error instanceof ImageRejected)) throw error;
    throw new InvalidInput({ [field]: `The ${what} was not accepted: ${error.message}.` });
  }
};

/**
 * Stores a form's uploads into its values (the photo's id, the body image's line at the body's end). An upload is
 * kept as soon as it is a good image, so a failed save elsewhere in the form loses neither the text nor the picture.
 */
export const storeFormUploads = async (
  deps: FormUploadsDeps,
  form: FormUploads,
  values: { photoMediaId: string; body: string },
): Promise<void> => {
  if (form.removePhoto === 'on') values.photoMediaId = '';
  if (hasFile(form.photo)) values.photoMediaId = String(await store(deps, form.photo, 'photo', 'photo'));
  if (!hasFile(form.bodyImage)) return;
  const alt = form.bodyImageAlt.trim();
  if (alt === '') {
    throw new InvalidInput({
      bodyImageAlt: 'Describe the image for readers who cannot see it, then choose the file again.',
    });
  }
  if (alt.length > 500) throw new InvalidInput({ bodyImageAlt: 'Keep the alt text under 500 characters.' });
  const mediaId = await store(deps, form.bodyImage, 'bodyImage', 'image');
  values.body = appendBodyImage(values.body, {
    mediaId,
    alt,
    caption: form.bodyImageCaption,
    credit: form.bodyImageCredit,
  });
};

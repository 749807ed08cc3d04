import type { ArticleFormValues } from '../../services/article-form.js';
import { Field } from './NewsroomLayout.js';
import { TextField } from './TextField.js';

/** A file input for a photo or image the image store takes; its hint (sizes, kinds) is the field's `${name}-hint`. */
export const ImageUploadInput = ({ name }: { name: string }) => (
  <input
    type="file"
    id={name}
    name={name}
    accept="image/jpeg,image/png,image/webp,image/avif"
    aria-describedby={`${name}-hint`}
  />
);

/** Without JavaScript, an image for the body is uploaded with the form and placed at the body's end. */
export const BodyImageUpload = ({ errors }: { errors: Record<string, string> }) => (
  <fieldset class="nr-body-image-upload">
    <legend>Add an image to the body</legend>
    <p class="nr-hint">
      It is placed at the end of the body when you save; move its lines to where it belongs. Images already uploaded are
      in the <a href="/newsroom/media">image library</a>, each with the line that places it.
    </p>
    <Field name="bodyImage" label="Image" error={errors.bodyImage} hint="JPEG, PNG, WebP or AVIF, up to 15 MB.">
      <ImageUploadInput name="bodyImage" />
    </Field>
    <Field name="bodyImageAlt" label="Alt text" error={errors.bodyImageAlt} hint="Required: what the image shows.">
      <input type="text" id="bodyImageAlt" name="bodyImageAlt" maxLength={500} aria-describedby="bodyImageAlt-hint" />
    </Field>
    <Field name="bodyImageCaption" label="Caption">
      <input type="text" id="bodyImageCaption" name="bodyImageCaption" maxLength={1000} />
    </Field>
    <Field name="bodyImageCredit" label="Credit">
      <input type="text" id="bodyImageCredit" name="bodyImageCredit" maxLength={300} />
    </Field>
  </fieldset>
);

/** The main photo (an article's or a page's): the current one with a preview, a replacement, and its words. */
export const MainPhotoFields = ({
  values,
  errors,
  preview,
}: {
  values: Pick<ArticleFormValues, 'photoMediaId' | 'photoCaption' | 'photoCredit' | 'photoAlt'>;
  errors: Record<string, string>;
  preview: string | null;
}) => (
  <fieldset>
    <legend>Main photo</legend>
    <input type="hidden" name="photoMediaId" value={values.photoMediaId} />
    {preview ? (
      <p class="nr-photo">
        <img src={preview} alt={values.photoAlt} width={200} />
        <label>
          <input type="checkbox" name="removePhoto" /> Remove this photo
        </label>
      </p>
    ) : null}
    <Field
      name="photo"
      label={values.photoMediaId ? 'Replace the photo' : 'Photo'}
      error={errors.photo}
      hint="JPEG, PNG, WebP or AVIF, up to 15 MB."
    >
      <ImageUploadInput name="photo" />
    </Field>
    <TextField name="photoCaption" label="Caption" value={values.photoCaption} error={errors.photoCaption} />
    <TextField name="photoCredit" label="Credit" value={values.photoCredit} error={errors.photoCredit} />
    <TextField
      name="photoAlt"
      label="Alt text"
      value={values.photoAlt}
      error={errors.photoAlt}
      hint="Required with a photo: what it shows, for readers who cannot see it."
    />
  </fieldset>
);

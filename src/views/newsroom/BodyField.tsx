import { BodyImageUpload } from './EditorImageFields.js';
import { Field } from './NewsroomLayout.js';

/**
 * The structured body as the newsroom edits it, for articles and pages alike: a textarea holding the body's markup
 * (the whole editor without JavaScript), which the rich-text editor (newsroom-editor.island.ts, found by its
 * `textarea#body` inside `form.nr-editor`) replaces when it runs; and, without JavaScript, an image upload placed
 * at the body's end.
 */
export const BodyField = ({
  value,
  errors,
  previews,
}: {
  value: string;
  errors: Record<string, string>;
  /** Preview URLs of the images the body places, by library id, for the rich editor. */
  previews: Record<number, string>;
}) => (
  <>
    <Field
      name="body"
      label="Body"
      error={errors.body}
      hint="Blank line between paragraphs. ## heading, > quote, - list, 1. numbered list, _emphasis_, **strong**, [words](https://link), ![alt text](media:ID) for an image; \ before a symbol keeps it as text."
    >
      <textarea
        id="body"
        name="body"
        rows={18}
        aria-describedby="body-hint"
        data-media={JSON.stringify(previews)}
        data-upload="/newsroom/media"
      >
        {value}
      </textarea>
    </Field>
    <BodyImageUpload errors={errors} />
  </>
);

import type { BlockForm } from '../../domain/block-form.js';
import { BodyImageUpload } from './EditorImageFields.js';
import { Field } from './NewsroomLayout.js';

/**
 * The structured body as the newsroom edits it, for articles and pages alike: a textarea holding the body's markup
 * (the whole editor without JavaScript), which the rich-text editor (newsroom-editor.island.ts, found by its
 * `textarea#body` inside `form.nr-editor`) replaces when it runs; and, without JavaScript, an image upload placed
 * at the body's end. Each editor has its own hint, since each takes different input: the textarea reads markup,
 * the rich editor does not (it formats from its toolbar) and shows its hint in place of the textarea's.
 */
const MARKUP_HINT =
  'Plain markup, as this box is the editor without JavaScript: a blank line between paragraphs, ## heading, ' +
  '> quote, - list, 1. numbered list, _emphasis_, **strong**, [words](https://link) for a link, ' +
  '[words](https://link new-tab) for one that opens in a new tab, ![alt text](media:ID) for an image; ' +
  '\\ before a symbol keeps it as text.';

const RICH_HINT =
  'Format with the toolbar: headings, bold, italic, quotes, lists, links (Link asks for the address and whether it ' +
  'opens in a new tab), images and embeds. Straight quotes you type become curly ones (Backspace straight after ' +
  'undoes it). Markup such as ## or **…** is not read here: it stays as typed.';

export const BodyField = ({
  value,
  errors,
  previews,
  blockForms = [],
}: {
  value: string;
  errors: Record<string, string>;
  /** Preview URLs of the images the body places, by library id, for the rich editor. */
  previews: Record<number, string>;
  /** The loaded plugins' block types, for the rich editor's Insert buttons and forms (only their JSON description). */
  blockForms?: BlockForm[];
}) => (
  <>
    <Field name="body" label="Body" error={errors.body} hint={MARKUP_HINT}>
      <p class="nr-hint" id="body-rich-hint" hidden>
        {RICH_HINT}
      </p>
      <textarea
        id="body"
        name="body"
        rows={18}
        aria-describedby="body-hint"
        data-media={JSON.stringify(previews)}
        data-upload="/newsroom/media"
        data-blocks={blockForms.length > 0 ? JSON.stringify(blockForms) : undefined}
      >
        {value}
      </textarea>
    </Field>
    <BodyImageUpload errors={errors} />
  </>
);

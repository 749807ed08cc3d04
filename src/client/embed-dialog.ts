/**
 * The rich editor's Embed dialog: the address of what to embed and the title readers see for it. A modal <dialog>
 * built from DOM nodes like the Link dialog (no inline styles or scripts, for the CSP); Escape or Cancel closes it
 * and the writer goes on typing where they were. It refuses, with a reason, what a save would not keep as an embed.
 */
import type { Editor } from '@tiptap/core';
import { MAX_EMBED_TITLE } from '../domain/body-text.js';
import { embedAddress, embedAddressProblem } from '../domain/embed-address.js';
import { addressField, backToText, element, openFormDialog } from './form-dialog.js';

export interface EmbedDetails {
  url: string;
  title: string;
}

/** Why a title cannot be an embed's, or null. */
export const embedTitleProblem = (raw: string): string | null => {
  const title = raw.trim();
  if (title === '') return 'Write a title: readers see it as the link to what is embedded.';
  if (title.length > MAX_EMBED_TITLE)
    return `Keep the title to ${MAX_EMBED_TITLE} characters; it has ${title.length.toLocaleString('en')}.`;
  return null;
};

/** Asks for an embed; `current` is the embed selected in the body when one is being changed. Null: cancelled. */
export const embedDialog = (current: EmbedDetails | null): Promise<EmbedDetails | null> =>
  openFormDialog<EmbedDetails>(
    {
      titleId: 'nr-embed-title',
      heading: current ? 'Change the embed' : 'Add an embed',
      submit: current ? 'Update' : 'Insert',
      problemId: 'nr-embed-problem',
    },
    ({ form, problem, finish }) => {
      const { field: addressRow, input: address } = addressField(
        { input: 'nr-embed-address', problem: 'nr-embed-problem' },
        current?.url ?? '',
        'https://… — the page of the video, post or map. Readers get a link to it.',
      );

      const titleField = element('div', { className: 'nr-field' });
      const title = element('input', {
        type: 'text',
        id: 'nr-embed-name',
        autocomplete: 'off',
        value: current?.title ?? '',
      });
      const titleHint = element('p', {
        className: 'nr-hint',
        id: 'nr-embed-name-hint',
        textContent: `What it is, in a few words (at most ${MAX_EMBED_TITLE} characters): the words of its link.`,
      });
      title.setAttribute('aria-describedby', 'nr-embed-name-hint nr-embed-problem');
      titleField.append(element('label', { htmlFor: title.id, textContent: 'Title' }), titleHint, title);
      form.append(addressRow, titleField);

      const refuse = (field: HTMLInputElement, why: string) => {
        problem.textContent = why;
        field.setAttribute('aria-invalid', 'true');
        field.focus();
      };
      for (const field of [address, title])
        field.addEventListener('input', () => {
          problem.textContent = '';
          address.removeAttribute('aria-invalid');
          title.removeAttribute('aria-invalid');
        });
      return {
        focus: address,
        submit: () => {
          const urlWhy = embedAddressProblem(address.value);
          if (urlWhy) return refuse(address, urlWhy);
          const titleWhy = embedTitleProblem(title.value);
          if (titleWhy) return refuse(title, titleWhy);
          finish({ url: embedAddress(address.value), title: title.value.trim() });
        },
      };
    },
  );

/** Asks for an embed in the Embed dialog, then places it at the cursor, or changes the embed selected. */
export const editEmbed = async (editor: Editor): Promise<boolean> => {
  const attrs = editor.getAttributes('bodyEmbed') as { url?: unknown; title?: unknown };
  const current =
    editor.isActive('bodyEmbed') && typeof attrs.url === 'string' && typeof attrs.title === 'string'
      ? { url: attrs.url, title: attrs.title }
      : null;
  const answer = await embedDialog(current);
  // Whatever was chosen, the writer goes on typing where they were.
  const chain = backToText(editor);
  if (answer === null) return chain.run();
  if (current) return chain.updateAttributes('bodyEmbed', answer).run();
  return chain.insertContent({ type: 'bodyEmbed', attrs: answer }).run();
};

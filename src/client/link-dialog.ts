/**
 * The rich editor's Link dialog: the address, and whether the link opens in a new tab. A modal <dialog> built
 * from DOM nodes like the image dialog (no inline styles or scripts, for the CSP); Escape or Cancel closes it and
 * the browser puts focus back where it was, then the caller returns it to the text.
 */
import type { Editor } from '@tiptap/core';
import { isSafeHref } from '../domain/body-text.js';
import { addressField, backToText, element, openFormDialog } from './form-dialog.js';

export interface LinkDetails {
  href: string;
  newTab: boolean;
}

/** What the writer chose: a link to set, the current link removed, or nothing (Cancel, Escape). */
export type LinkAnswer = { set: LinkDetails } | { remove: true } | null;

/** Why an address cannot be a link, in words the writer can act on; null when it can. */
export const addressProblem = (href: string): string | null => {
  if (href === '') return 'Write the address the words should lead to.';
  if (isSafeHref(href)) return null;
  // "example.com/page" is the usual slip: say what to add rather than only what is wrong.
  if (/^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(href)) return `Start the address with https:// (https://${href}).`;
  return 'Use an address starting with https://, http:// or mailto:, or a path on this site starting with /.';
};

/** Asks for a link; `current` is the link at the cursor when one is being changed. */
export const linkDialog = (current: LinkDetails | null): Promise<LinkAnswer> =>
  openFormDialog<NonNullable<LinkAnswer>>(
    {
      titleId: 'nr-link-title',
      heading: current ? 'Change the link' : 'Add a link',
      submit: current ? 'Update' : 'Insert',
      problemId: 'nr-link-problem',
    },
    ({ form, problem, finish }) => {
      const { field: addressRow, input: address } = addressField(
        { input: 'nr-link-address', problem: 'nr-link-problem' },
        current?.href ?? '',
        'https://… for another site, /… for a page of this one, mailto:… for an email address.',
      );

      const tabField = element('div', { className: 'nr-field' });
      const newTab = element('input', { type: 'checkbox', id: 'nr-link-new-tab', checked: current?.newTab ?? false });
      const tabLabel = element('label', { htmlFor: newTab.id });
      tabLabel.append(newTab, ' Open in a new tab');
      tabField.append(tabLabel);
      form.append(addressRow, tabField);

      const remove = element('button', { type: 'button', textContent: 'Remove link' });
      remove.addEventListener('click', () => finish({ remove: true }));
      address.addEventListener('input', () => {
        problem.textContent = '';
        address.removeAttribute('aria-invalid');
      });
      return {
        focus: address,
        extra: current ? [remove] : [],
        submit: () => {
          const href = address.value.trim();
          const why = addressProblem(href);
          if (why) {
            problem.textContent = why;
            address.setAttribute('aria-invalid', 'true');
            address.focus();
          } else finish({ set: { href, newTab: newTab.checked } });
        },
      };
    },
  );

/** Asks for an address in the Link dialog, then links the selected words, or changes the link at the cursor. */
export const editLink = async (editor: Editor): Promise<boolean> => {
  const attrs = editor.getAttributes('link') as { href?: unknown; target?: unknown };
  const current = typeof attrs.href === 'string' ? { href: attrs.href, newTab: attrs.target === '_blank' } : null;
  const answer = await linkDialog(current);
  // Whatever was chosen, the writer goes on typing where they were.
  const chain = backToText(editor);
  if (answer === null) return chain.run();
  if ('remove' in answer) return chain.extendMarkRange('link').unsetLink().run();
  const { href, newTab } = answer.set;
  const link = { href, target: newTab ? '_blank' : null, rel: newTab ? 'noopener' : null };
  // Nothing selected and no link here: the address itself becomes the linked words, and what is typed next is not.
  if (editor.state.selection.empty && !editor.isActive('link'))
    return chain
      .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: link }] })
      .unsetMark('link')
      .run();
  return chain.extendMarkRange('link').setLink(link).run();
};

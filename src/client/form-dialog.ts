/**
 * What the rich editor's dialogs (Link, Embed, Image) share: a modal <dialog> built from DOM nodes (no inline styles
 * or scripts, for the CSP) holding a form with a heading, the dialog's own fields, a line for what is refused and
 * the buttons. Escape or Cancel closes it with nothing chosen.
 */
import type { ChainedCommands, Editor } from '@tiptap/core';

/** A new element of `tag` with `props` set on it. */
export const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] => Object.assign(document.createElement(tag), props);

/** The dialog's frame: its heading (and that heading's id), the submit button's words, the refusal line's id. */
/**
 * A dialog's Address field (Link, Embed): a text input with the URL keyboard, its label, and a hint read out with
 * it and with the dialog's problem line.
 */
export const addressField = (
  ids: { input: string; problem: string },
  value: string,
  hintText: string,
): { field: HTMLDivElement; input: HTMLInputElement } => {
  const field = element('div', { className: 'nr-field' });
  const input = element('input', {
    type: 'text',
    id: ids.input,
    inputMode: 'url',
    autocomplete: 'off',
    spellcheck: false,
    value,
  });
  const hint = element('p', { className: 'nr-hint', id: `${ids.input}-hint`, textContent: hintText });
  input.setAttribute('aria-describedby', `${hint.id} ${ids.problem}`);
  field.append(element('label', { htmlFor: input.id, textContent: 'Address' }), hint, input);
  return { field, input };
};

export interface DialogFrame {
  titleId: string;
  heading: string;
  submit: string;
  problemId?: string;
}

/** What a dialog's fields are given: the form to add them to, the refusal line, and how to close with an answer. */
export interface DialogParts<T> {
  form: HTMLFormElement;
  problem: HTMLParagraphElement;
  finish: (answer: T | null) => void;
}

/** What a dialog's fields give back: what takes focus first, what a submit does, buttons before Cancel. */
export interface DialogWiring {
  focus: HTMLElement;
  submit: () => void;
  extra?: HTMLElement[];
}

/**
 * Opens a dialog: `fill` adds the fields to the form after its heading and says what a submit does. The answer is
 * what `finish` was given; null when the writer cancelled (Cancel, Escape).
 */
export const openFormDialog = <T>(
  frame: DialogFrame,
  fill: (parts: DialogParts<T>) => DialogWiring,
): Promise<T | null> =>
  new Promise((resolve) => {
    const dialog = element('dialog', { className: 'nr-dialog' });
    dialog.setAttribute('aria-labelledby', frame.titleId);
    const form = element('form', { method: 'dialog', className: 'nr-form', noValidate: true });
    form.append(element('h2', { id: frame.titleId, textContent: frame.heading }));
    const problem = element(
      'p',
      frame.problemId ? { className: 'nr-error', id: frame.problemId } : { className: 'nr-error' },
    );
    problem.setAttribute('role', 'alert');
    const finish = (answer: T | null) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const { focus, submit, extra = [] } = fill({ form, problem, finish });

    const actions = element('div', { className: 'nr-actions' });
    const cancel = element('button', { type: 'button', textContent: 'Cancel' });
    actions.append(element('button', { type: 'submit', textContent: frame.submit }), ...extra, cancel);
    form.append(problem, actions);
    dialog.append(form);
    document.body.append(dialog);

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
    });
    cancel.addEventListener('click', () => finish(null));
    // Escape: the browser asks to cancel; the dialog closes the same way as with Cancel.
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(null);
    });
    dialog.showModal();
    focus.focus();
  });

/**
 * After a dialog closes, the writer goes on typing where they were: the text takes focus now, as the closed dialog
 * hands it back, since the chain's focus waits for the next frame and a key pressed before then would go astray.
 * Returns a chain that starts there.
 */
export const backToText = (editor: Editor): ChainedCommands => {
  editor.view.focus();
  return editor.chain().focus();
};

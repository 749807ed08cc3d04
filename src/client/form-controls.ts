import type { KeptControl } from './kept-copy.js';

/** The form's inputs, choices and text areas: what a kept copy holds (its buttons, fieldsets and outputs are not). */
export const controlsOf = (form: HTMLFormElement): KeptControl[] =>
  [...form.elements].filter(
    (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
      el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement,
  );

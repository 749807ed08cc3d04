/**
 * The rich editor's Image dialog: a new file, or an image already in the library, with alt text (required),
 * caption and credit. A modal <dialog> built from DOM nodes (no inline styles or scripts, for the CSP).
 */
import { element, openFormDialog } from './form-dialog.js';
import { libraryPage } from './received-json.js';

export interface LibraryChoice {
  id: number;
  preview: string;
}

export interface ImageDetails {
  file: File | null;
  fromLibrary: LibraryChoice | null;
  alt: string;
  caption: string;
  credit: string;
}

/**
 * Asks for an image. `current` is the selected image's details when they are being changed; `libraryUrl`
 * answers GET with a JSON page of the library.
 */
export const imageDialog = (
  current: { alt: string; caption: string; credit: string } | null,
  libraryUrl: string,
): Promise<ImageDetails | null> =>
  openFormDialog<ImageDetails>(
    {
      titleId: 'nr-image-title',
      heading: current ? 'Image details' : 'Place an image',
      submit: current ? 'Update image' : 'Place image',
    },
    ({ form: box, problem, finish }) => {
      const field = (id: string, label: string, input: HTMLInputElement) => {
        const wrap = element('div', { className: 'nr-field' });
        input.id = id;
        wrap.append(element('label', { htmlFor: id, textContent: label }), input);
        box.append(wrap);
        return input;
      };
      const text = (value: string) => element('input', { type: 'text', value });
      const file = field(
        'nr-image-file',
        current ? 'Replace with another file (optional)' : 'Image file',
        element('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif' }),
      );

      // ---- or one already in the library ----
      let chosen: LibraryChoice | null = null;
      const library = element('fieldset', { className: 'nr-library-choice' });
      library.append(
        element('legend', {
          textContent: current ? 'Or replace it with one from the library' : 'Or one already in the library',
        }),
      );
      const choices = element('div', { className: 'nr-library-grid' });
      const more = element('button', { type: 'button', textContent: 'Show the library' });
      const status = element('p', { className: 'nr-hint' });
      status.setAttribute('aria-live', 'polite');
      library.append(choices, more, status);
      box.append(library);
      let page = 0;
      const showMore = async () => {
        more.disabled = true;
        try {
          const res = await fetch(`${libraryUrl}?page=${page + 1}`, {
            headers: { accept: 'application/json' },
            credentials: 'same-origin',
          });
          if (!res.ok) throw new Error(String(res.status));
          const answer = libraryPage(await res.json());
          if (!answer) throw new Error('not a page of the library');
          page++;
          for (const image of answer.images) {
            const option = element('label', { className: 'nr-library-option' });
            const radio = element('input', { type: 'radio', name: 'nr-library', value: String(image.id) });
            radio.addEventListener('change', () => {
              chosen = { id: image.id, preview: image.preview };
              file.value = '';
            });
            option.append(
              radio,
              element('img', {
                src: image.preview,
                alt: '',
                width: 120,
                height: Math.round((120 * image.height) / image.width),
              }),
              element('span', { textContent: `Image ${image.id}, ${image.width} × ${image.height}` }),
            );
            choices.append(option);
          }
          status.textContent = page === 1 && answer.images.length === 0 ? 'The library is empty.' : '';
          more.textContent = 'Show older images';
          more.hidden = !answer.hasOlder;
        } catch {
          status.textContent = 'The library could not be loaded. Try again.';
        } finally {
          more.disabled = false;
        }
      };
      more.addEventListener('click', () => void showMore());
      file.addEventListener('change', () => {
        chosen = null;
        for (const radio of choices.querySelectorAll('input')) radio.checked = false;
      });

      const alt = field('nr-image-alt', 'Alt text (required: what the image shows)', text(current?.alt ?? ''));
      const caption = field('nr-image-caption', 'Caption', text(current?.caption ?? ''));
      const credit = field('nr-image-credit', 'Credit', text(current?.credit ?? ''));
      return {
        focus: current ? alt : file,
        submit: () => {
          const picked = file.files?.[0] ?? null;
          if (!current && !picked && !chosen) problem.textContent = 'Choose an image file, or one from the library.';
          else if (alt.value.trim() === '')
            problem.textContent = 'Write the alt text: what the image shows, for readers who cannot see it.';
          else
            finish({
              file: picked,
              fromLibrary: chosen,
              alt: alt.value.trim(),
              caption: caption.value.trim(),
              credit: credit.value.trim(),
            });
        },
      };
    },
  );

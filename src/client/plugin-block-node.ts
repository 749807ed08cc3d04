/**
 * A plugin's body block in the rich editor (issue 14): one atom node for every plugin type, holding the block's type
 * (`blockType`) and data (`data`) whole, as domain/tiptap-body.ts reads them. It shows the type's label and a small
 * form of its schema's top-level fields (domain/block-form.ts); a block whose plugin is not loaded shows its data,
 * read-only, and is kept as it is. The server checks the data with the plugin's schema on save.
 */
import { isNodeSelection, Node, type Editor } from '@tiptap/core';
import type { BlockForm, BlockFormField } from '../domain/block-form.js';

type Data = Record<string, unknown>;
let made = 0;

/** An element with its text (and class): the node view's few pieces. */
const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  className = '',
): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  if (text) el.textContent = text;
  if (className) el.className = className;
  return el;
};

/** A schema's key in words for its label: "turnoutShare" or "turnout_share" as "Turnout share". */
export const labelOf = (name: string): string => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
};

/** A field's input, how to read its value back (undefined: leave the field out) and how to show a value in it. */
interface FieldInput {
  input: HTMLElement;
  read: () => unknown;
  write: (value: unknown) => void;
}

/** The input for one field, showing `value`. */
const inputFor = (field: BlockFormField, value: unknown): FieldInput => {
  const made = ((): FieldInput => {
    switch (field.kind) {
      case 'boolean': {
        const input = element('input');
        input.type = 'checkbox';
        return { input, read: () => input.checked, write: (v) => (input.checked = v === true) };
      }
      case 'number': {
        const input = element('input');
        input.type = 'number';
        input.step = 'any';
        return {
          input,
          read: () => (input.value.trim() === '' ? undefined : Number(input.value)),
          write: (v) => (input.value = typeof v === 'number' ? String(v) : ''),
        };
      }
      case 'select': {
        const input = element('select');
        for (const choice of ['', ...(field.options ?? [])]) {
          const option = element('option', choice || 'None');
          option.value = choice;
          input.append(option);
        }
        return {
          input,
          read: () => input.value || undefined,
          write: (v) => (input.value = typeof v === 'string' && field.options?.includes(v) ? v : ''),
        };
      }
      case 'json': {
        const input = element('textarea');
        input.rows = 3;
        let last: unknown;
        return {
          input,
          read: () => {
            if (input.value.trim() === '') return undefined;
            try {
              last = JSON.parse(input.value) as unknown;
              input.removeAttribute('aria-invalid');
            } catch {
              // Kept as typed (and marked) until it reads as JSON; the block keeps its last good value meanwhile.
              input.setAttribute('aria-invalid', 'true');
            }
            return last;
          },
          write: (v) => {
            last = v;
            input.value = v === undefined ? '' : JSON.stringify(v);
            input.removeAttribute('aria-invalid');
          },
        };
      }
      default: {
        const input = element('input');
        input.type = 'text';
        return {
          input,
          read: () => (input.value === '' ? undefined : input.value),
          write: (v) => (input.value = typeof v === 'string' ? v : ''),
        };
      }
    }
  })();
  made.write(value);
  return made;
};

export const pluginBlockNode = (forms: BlockForm[]) =>
  Node.create({
    name: 'pluginBlock',
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    addAttributes: () => ({
      blockType: { default: '', rendered: false },
      data: { default: {}, rendered: false },
    }),
    parseHTML: () => [
      {
        tag: 'div[data-plugin-block]',
        getAttrs: (el: HTMLElement) => {
          try {
            return { blockType: el.dataset.pluginBlock ?? '', data: JSON.parse(el.dataset.data ?? '{}') as unknown };
          } catch {
            return false;
          }
        },
      },
    ],
    renderHTML: ({ node }) => [
      'div',
      { 'data-plugin-block': String(node.attrs.blockType), 'data-data': JSON.stringify(node.attrs.data) },
    ],
    addNodeView:
      () =>
      ({ node, getPos, editor }) => {
        let current = node;
        const type = String(node.attrs.blockType);
        const form = forms.find((f) => f.type === type);
        const dom = element('div', '', 'nr-plugin-block');
        dom.contentEditable = 'false';
        dom.dataset.pluginBlock = type;
        const id = `nr-plugin-block-${++made}`;
        const heading = element('p', form?.label ?? type, 'nr-plugin-block-label');
        heading.id = id;
        dom.append(heading);
        dom.setAttribute('role', 'group');
        dom.setAttribute('aria-labelledby', id);
        const data = (): Data => (current.attrs.data ?? {}) as Data;
        const fields: { name: string; read: () => unknown; write: (value: unknown) => void }[] = [];
        /** The data the form itself last wrote: any other (undo, a restored copy) is shown in the form anew. */
        let typed: unknown = data();
        if (!form) {
          dom.classList.add('nr-plugin-block-kept');
          dom.append(
            element(
              'p',
              'No loaded plugin draws this block: it is kept as it is, and readers do not see it.',
              'nr-hint',
            ),
            element('pre', JSON.stringify(data())),
          );
        } else {
          for (const field of form.fields) {
            const { input, read, write } = inputFor(field, data()[field.name]);
            // No name: the block's data goes in the body's markup, not as fields of the form (nor of its kept copy).
            input.id = `${id}-${field.name}`;
            if (field.required) input.setAttribute('aria-required', 'true');
            const label = element('label', labelOf(field.name));
            label.htmlFor = input.id;
            // A checkbox goes before its label, on one line, as the form's own checkboxes do (newsroom.css).
            const row = element(
              'div',
              '',
              field.kind === 'boolean' ? 'nr-plugin-block-field nr-plugin-block-check' : 'nr-plugin-block-field',
            );
            row.append(label);
            if (field.kind === 'json') {
              // Arrays and objects are typed as JSON: the box says so, as the form's other hints do.
              const hint = element('p', 'Written as JSON, e.g. ["one","two"] or {"name":"value"}.', 'nr-hint');
              hint.id = `${input.id}-hint`;
              input.setAttribute('aria-describedby', hint.id);
              row.append(hint);
            }
            row.append(input);
            dom.append(row);
            fields.push({ name: field.name, read, write });
          }
          const save = () => {
            const next: Data = { ...data() };
            for (const { name, read } of fields) {
              const value = read();
              if (value === undefined) delete next[name];
              else next[name] = value;
            }
            const pos = typeof getPos === 'function' ? getPos() : undefined;
            if (typeof pos !== 'number') return;
            typed = next;
            editor.view.dispatch(editor.view.state.tr.setNodeMarkup(pos, undefined, { blockType: type, data: next }));
          };
          dom.addEventListener('input', save);
          dom.addEventListener('change', save);
        }
        return {
          dom,
          // The form's own typing stays in the form: the editor neither reads it as document edits nor redraws.
          stopEvent: (event: Event) => event.target instanceof HTMLElement && event.target !== dom,
          ignoreMutation: () => true,
          update: (next) => {
            if (next.type !== current.type || next.attrs.blockType !== type) return false;
            // A read-only block shows its data as text: other data is drawn afresh.
            if (!form && next.attrs.data !== current.attrs.data) return false;
            current = next;
            if (next.attrs.data !== typed) {
              typed = next.attrs.data;
              for (const { name, write } of fields) write(data()[name]);
            }
            return true;
          },
        };
      },
  });

/**
 * The toolbar's Insert button for each block type: an empty block at the cursor, its form then filled in place. A
 * block that is selected (one just inserted stays selected while its form is filled) is kept, and the new one goes
 * after it: inserting over the selection would replace it. An Insert button is never pressed, so it has no active test
 * (and no aria-pressed).
 */
export const insertButtons = (editor: Editor, forms: BlockForm[]): [string, () => boolean][] =>
  forms.map((form) => [
    `Insert ${form.label}`,
    () => {
      const block = { type: 'pluginBlock', attrs: { blockType: form.type, data: {} } };
      const { selection } = editor.state;
      return isNodeSelection(selection)
        ? editor.chain().focus().insertContentAt(selection.to, block).run()
        : editor.chain().focus().insertContent(block).run();
    },
  ]);

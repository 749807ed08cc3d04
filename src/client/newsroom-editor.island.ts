/**
 * The newsroom editor in the browser: a rich-text editor (Tiptap) over the plain textarea, a copy of the
 * form kept in this browser as the writer types, and autosave of drafts. Without JavaScript the textarea
 * and the Save button do everything; this file only adds to them.
 */
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';
import { bodyToTiptap, tiptapToBody, type PmNode } from '../domain/tiptap-body.js';
import { bodyEmbedNode, bodyImageNode } from './body-nodes.js';
import { readBlockForms } from '../domain/block-form.js';
import { insertButtons, pluginBlockNode } from './plugin-block-node.js';
import { imageDialog } from './image-dialog.js';
import { controlsOf } from './form-controls.js';
import { keptTextDiffers, keptValuesOf, restoreKeptValues, siteTime, zoneOf } from './kept-copy.js';
import { editLink } from './link-dialog.js';
import { backToText } from './form-dialog.js';
import { editEmbed } from './embed-dialog.js';
import { startAutosave } from './autosave.js';
import { suggestBylines } from './byline-suggest.js';
import { keptCopy, mediaPreviews, serverAnswer } from './received-json.js';
import { TypographicQuotes } from './typographic-quotes.js';

const form = document.querySelector<HTMLFormElement>('form.nr-editor');
const textarea = document.querySelector<HTMLTextAreaElement>('textarea#body');

const notice = (text: string, actions: { label: string; run: () => void }[] = []): HTMLElement => {
  const box = document.createElement('p');
  box.className = 'nr-notice';
  box.setAttribute('role', 'status');
  box.append(text);
  for (const a of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = a.label;
    b.addEventListener('click', () => {
      a.run();
      box.remove();
    });
    box.append(' ', b);
  }
  form?.before(box);
  return box;
};

const bylineInput = document.querySelector<HTMLInputElement>('input#authors');
const bylineList = document.querySelector<HTMLDataListElement>('datalist#author-choices');
if (bylineInput && bylineList) suggestBylines(bylineInput, bylineList);

const fieldValues = (f: HTMLFormElement): Record<string, string> => keptValuesOf(controlsOf(f));

if (form && textarea) {
  // ---- the rich-text editor ----
  const previews = mediaPreviews(textarea.dataset.media);
  // The loaded plugins' block types, as the server described them (never their code).
  const blockForms = readBlockForms(textarea.dataset.blocks);
  // The no-JavaScript way to add a body image gives way to the toolbar's Image button.
  document.querySelector<HTMLElement>('.nr-body-image-upload')?.setAttribute('hidden', '');
  const mount = document.createElement('div');
  mount.className = 'nr-rich';
  const toolbar = document.createElement('div');
  toolbar.className = 'nr-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  textarea.hidden = true;
  textarea.after(toolbar, mount);
  // The textarea's hint explains its markup, which the rich editor does not read: the rich editor's own replaces it.
  document.getElementById('body-hint')?.setAttribute('hidden', '');
  document.getElementById('body-rich-hint')?.removeAttribute('hidden');

  const editor = new Editor({
    element: mount,
    // Our Content-Security-Policy forbids injected <style>; the editor's few rules live in newsroom.css.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        // No target by default: a link opens in a new tab only when the Link dialog says so (target "_blank").
        link: {
          openOnClick: false,
          protocols: ['http', 'https', 'mailto'],
          autolink: true,
          HTMLAttributes: { target: null, rel: null },
        },
      }),
      TypographicQuotes,
      bodyImageNode(previews),
      bodyEmbedNode,
      pluginBlockNode(blockForms),
    ],
    content: bodyToTiptap(parseBodyMarkup(textarea.value)),
    editorProps: {
      attributes: {
        'aria-label': 'Body',
        'aria-multiline': 'true',
        'aria-describedby': 'body-rich-hint',
        role: 'textbox',
        class: 'nr-rich-text',
      },
    },
    onUpdate: ({ editor: e }) => {
      textarea.value = serializeBodyMarkup(tiptapToBody(e.getJSON() as PmNode));
      changed();
    },
  });

  // Label, what a click does, and whether the button shows as pressed (a button without that test is never pressed).
  const buttons: [string, () => boolean, (() => boolean)?][] = [
    ['Paragraph', () => editor.chain().focus().setParagraph().run(), () => editor.isActive('paragraph')],
    [
      'Heading',
      () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
      () => editor.isActive('heading', { level: 2 }),
    ],
    [
      'Subheading',
      () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
      () => editor.isActive('heading', { level: 3 }),
    ],
    ['Bold', () => editor.chain().focus().toggleBold().run(), () => editor.isActive('bold')],
    ['Italic', () => editor.chain().focus().toggleItalic().run(), () => editor.isActive('italic')],
    ['Quote', () => editor.chain().focus().toggleBlockquote().run(), () => editor.isActive('blockquote')],
    ['List', () => editor.chain().focus().toggleBulletList().run(), () => editor.isActive('bulletList')],
    ['Numbered list', () => editor.chain().focus().toggleOrderedList().run(), () => editor.isActive('orderedList')],
    [
      'Link',
      () => {
        void editLink(editor);
        return true;
      },
      () => editor.isActive('link'),
    ],
  ];

  /** Uploads the chosen file (if any) and places or updates the image block at the cursor. */
  const placeImage = async () => {
    const selected = editor.isActive('bodyImage')
      ? (editor.getAttributes('bodyImage') as { mediaId: number; alt: string; caption: string; credit: string })
      : null;
    const answer = await imageDialog(selected, textarea.dataset.upload ?? '/newsroom/media');
    if (!answer) return;
    let mediaId = selected?.mediaId ?? null;
    if (answer.fromLibrary) {
      previews.set(answer.fromLibrary.id, answer.fromLibrary.preview);
      mediaId = answer.fromLibrary.id;
    } else if (answer.file) {
      const data = new FormData();
      data.set('file', answer.file);
      const csrf = (form.elements.namedItem('_csrf') as HTMLInputElement | null)?.value ?? '';
      try {
        const res = await fetch(textarea.dataset.upload ?? '/newsroom/media', {
          method: 'POST',
          body: data,
          credentials: 'same-origin',
          headers: { accept: 'application/json', 'x-csrf-token': csrf },
        });
        const reply = serverAnswer(await res.json().catch(() => null));
        if (!res.ok || !reply.id) {
          notice(reply.errorMessage ?? `The image was not uploaded (${res.status} ${res.statusText}).`);
          return;
        }
        if (reply.preview) previews.set(reply.id, reply.preview);
        mediaId = reply.id;
      } catch {
        notice('The image was not uploaded: the connection failed. Try again.');
        return;
      }
    }
    const attrs = { mediaId, alt: answer.alt, caption: answer.caption, credit: answer.credit };
    if (selected && !answer.file && !answer.fromLibrary) backToText(editor).updateAttributes('bodyImage', attrs).run();
    else backToText(editor).insertContent({ type: 'bodyImage', attrs }).run();
  };
  // A click on an image or embed selects it whole (then Image or Embed edits its details); a double click opens it.
  const atomAt = (target: EventTarget | null) =>
    target instanceof Element ? target.closest('.nr-body-image, .nr-body-embed') : null;
  mount.addEventListener('click', (e) => {
    const atom = atomAt(e.target);
    if (atom) editor.chain().focus().setNodeSelection(editor.view.posAtDOM(atom, 0)).run();
  });
  mount.addEventListener('dblclick', (e) => {
    const atom = atomAt(e.target);
    if (atom?.classList.contains('nr-body-image')) void placeImage();
    else if (atom) void editEmbed(editor);
  });
  buttons.push(
    [
      'Image',
      () => {
        void placeImage();
        return true;
      },
      () => editor.isActive('bodyImage'),
    ],
    [
      'Embed',
      () => {
        void editEmbed(editor);
        return true;
      },
      () => editor.isActive('bodyEmbed'),
    ],
  );
  buttons.push(...insertButtons(editor, blockForms));
  for (const [label, run, active] of buttons) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => run());
    if (active) editor.on('transaction', () => b.setAttribute('aria-pressed', String(active())));
    toolbar.append(b);
  }

  // ---- a copy in this browser: survives a network blip, a closed tab or an expired session ----
  const key = `dateline:editor:${form.getAttribute('action')}`;
  const saved = new URLSearchParams(location.search).has('saved');
  // A save lands on the article's own address; a new article's copy was kept under the "new" form's key.
  const pendingKey = sessionStorage.getItem('dateline:editor:submitted');
  if (saved) {
    localStorage.removeItem(key);
    if (pendingKey) localStorage.removeItem(pendingKey);
  }
  sessionStorage.removeItem('dateline:editor:submitted');
  const stored = localStorage.getItem(key);
  const copy = stored && !saved ? keptCopy(stored) : null;
  // A kept text this code cannot read (another version wrote it) is of no use to anyone.
  if (stored && !saved && !copy) localStorage.removeItem(key);
  const zone = zoneOf(document.body);
  // What the form showed when the page loaded: a copy that says nothing more is neither offered nor kept.
  let shown = fieldValues(form);
  if (copy && !keptTextDiffers(copy.values, shown)) localStorage.removeItem(key);
  if (copy && keptTextDiffers(copy.values, shown)) {
    notice(`This browser kept unsaved text from ${siteTime(new Date(copy.at), zone)}.`, [
      {
        label: 'Restore it',
        run: () => {
          restoreKeptValues(controlsOf(form), copy.values);
          editor.commands.setContent(bodyToTiptap(parseBodyMarkup(copy.values.body ?? '')));
          textarea.value = copy.values.body ?? '';
        },
      },
      { label: 'Discard it', run: () => localStorage.removeItem(key) },
    ]);
  }
  let dirty = false;
  let timer: number | undefined;
  function changed() {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const values = fieldValues(form!);
      // Typing that ends where the form began (or the editor tidying its document) leaves nothing to keep.
      if (keptTextDiffers(values, shown)) localStorage.setItem(key, JSON.stringify({ at: Date.now(), values }));
      else localStorage.removeItem(key);
    }, 500);
  }
  form.addEventListener('input', changed);
  form.addEventListener('submit', () => {
    localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: fieldValues(form) }));
    sessionStorage.setItem('dateline:editor:submitted', key);
  });

  startAutosave(form, zone, {
    take: () => {
      const was = dirty;
      dirty = false;
      return was;
    },
    giveBack: () => (dirty = true),
    // The server has the text now: unless more was typed meanwhile, there is nothing unsaved left to keep. (The
    // server may spell it differently, names in the Bylines as slugs, so it is not compared to what reloads.)
    saved: () => {
      if (dirty) return;
      window.clearTimeout(timer);
      localStorage.removeItem(key);
      shown = fieldValues(form);
    },
  });
}

/**
 * WordPress shortcodes in a classic post's HTML, turned into the markup they stand for before the HTML is parsed
 * (html-to-body.ts). These are WordPress's square-bracket syntax, not HTML: they are found as text, and whatever
 * they are turned into is read by the HTML parser like the rest of the post.
 *
 *   [caption id="…" width="300"]<img …> Words[/caption]   → <figure><img …> Words</figure> (words: its caption)
 *   [caption caption="Words"]<img …>[/caption]             → the same, the caption taken from the attribute (old WordPress)
 *   [embed]https://…[/embed]                               → the embed figure the block editor writes
 *   [gallery …], [audio …], [video …], [playlist …]        → removed, and said so: they name media by id or file
 */

export interface Shortcodes {
  html: string;
  notes: string[];
}

const CAPTION_OPEN = /\[caption\b([^\]]*)\]/gi;
const CAPTION_CLOSE = /\[\/caption\]/gi;
const EMBED = /\[embed\b[^\]]*\]\s*(https?:\/\/[^\s[\]<>"]+)\s*\[\/embed\]/gi;
const MEDIA = /\[(gallery|audio|video|playlist)\b[^\]]*\](?:[^[]*\[\/\1\])?/gi;
const CAPTION_ATTRIBUTE = /\bcaption=(?:"([^"]*)"|'([^']*)')/i;

export const expandShortcodes = (html: string): Shortcodes => {
  const notes: string[] = [];
  let out = html.replace(EMBED, (_all, url: string) => {
    return `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">${url}</div></figure>`;
  });
  out = out.replace(MEDIA, (_all, name: string) => {
    notes.push(`A [${name.toLowerCase()}] shortcode was removed: its media are not in the post's HTML`);
    return '';
  });
  out = out
    .replace(CAPTION_OPEN, (_all, attributes: string) => {
      const caption = CAPTION_ATTRIBUTE.exec(attributes);
      const words = caption ? (caption[1] ?? caption[2] ?? '') : '';
      // The attribute's words are HTML already, as WordPress stored them.
      return words === '' ? '<figure>' : `<figure><figcaption>${words}</figcaption>`;
    })
    .replace(CAPTION_CLOSE, '</figure>');
  return { html: out, notes };
};

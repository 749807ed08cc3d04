/**
 * Straight quotes typed in the rich editor become typographic ones, as a desk would set them by hand: “ ” for
 * double and ‘ ’ for single quotes, and ’ for an apostrophe. Pressing Backspace straight after gives the straight
 * mark back (Tiptap undoes the last input rule). Our own rules rather than @tiptap/extension-typography: its latest
 * release requires an older @tiptap/core than the editor's, and it would also turn (c), 1/2 or -> into symbols that
 * a news body does not want.
 */
import { Extension, textInputRule } from '@tiptap/core';

/**
 * What comes just before a quote mark that opens a quotation: the start of the paragraph, a space, an opening
 * bracket, a dash, or another opening quote (a quotation within a quotation). Anywhere else the mark closes one.
 */
const OPENS_AFTER = '(?:^|[\\s([{\\u2018\\u201C\\u2013\\u2014-])';

const opening = (mark: '"' | "'") => new RegExp(`${OPENS_AFTER}(${mark})$`);

export const TypographicQuotes = Extension.create({
  name: 'typographicQuotes',
  // The first rule that matches wins: each opening rule comes before the closing one of its mark.
  addInputRules: () => [
    textInputRule({ find: opening('"'), replace: '\u201C' }),
    textInputRule({ find: /"$/, replace: '\u201D' }),
    textInputRule({ find: opening("'"), replace: '\u2018' }),
    textInputRule({ find: /'$/, replace: '\u2019' }),
  ],
});

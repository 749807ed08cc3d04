/**
 * ICU's word segmenter, made when search first splits text rather than when the search modules load: it maps more
 * than a megabyte of ICU's code and dictionaries into the process, which a reader process serving only pages never
 * needs (record 0030, "Later: dates without ICU").
 */
let words: Intl.Segmenter | undefined;

export const wordSegmenter = (): Intl.Segmenter => (words ??= new Intl.Segmenter('en', { granularity: 'word' }));

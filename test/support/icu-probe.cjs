// Loaded into a server process with NODE_OPTIONS=--require by reader-process-icu.test.ts. It notes every use of
// ICU's formatters, collators and segmenters (Intl's constructors and the locale-sensitive methods that build one),
// and on SIGUSR2 writes them as one line on standard error, `icu: ["Intl.DateTimeFormat", …]`.
'use strict';
const used = new Set();
for (const name of [
  'DateTimeFormat',
  'NumberFormat',
  'Collator',
  'Segmenter',
  'DisplayNames',
  'PluralRules',
  'RelativeTimeFormat',
  'ListFormat',
]) {
  const original = Intl[name];
  Intl[name] = new Proxy(original, {
    construct: (target, args) => (used.add(`Intl.${name}`), Reflect.construct(target, args)),
    apply: (target, self, args) => (used.add(`Intl.${name}`), Reflect.apply(target, self, args)),
  });
}
for (const [owner, label, method] of [
  [String.prototype, 'String', 'localeCompare'],
  [Number.prototype, 'Number', 'toLocaleString'],
  [BigInt.prototype, 'BigInt', 'toLocaleString'],
  [Date.prototype, 'Date', 'toLocaleString'],
  [Date.prototype, 'Date', 'toLocaleDateString'],
  [Date.prototype, 'Date', 'toLocaleTimeString'],
  [Array.prototype, 'Array', 'toLocaleString'],
]) {
  const original = owner[method];
  owner[method] = function (...args) {
    used.add(`${label}.prototype.${method}`);
    return original.apply(this, args);
  };
}
process.on('SIGUSR2', () => process.stderr.write(`icu: ${JSON.stringify([...used].sort())}\n`));

import { HtmlValidate } from 'html-validate';
import { parse, type HTMLElement } from 'node-html-parser';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Preact writes boolean and void elements its own way; these rules are about style, not validity.
    'void-style': 'off',
    'no-trailing-whitespace': 'off',
    // An SEO preference, not validity: newspaper headlines are often longer than 70 characters.
    'long-title': 'off',
  },
});

/** Validates a whole document with html-validate; returns readable messages, empty when valid. */
export const htmlProblems = async (html: string): Promise<string[]> => {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
};

// <pre> is parsed as elements too (the default keeps it as raw text), so diffs can be queried.
export const dom = (html: string): HTMLElement =>
  parse(html, { blockTextElements: { script: true, noscript: true, style: true } });

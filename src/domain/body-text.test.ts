import { describe, expect, it } from 'vitest';
import { isSafeHref } from './body-text.js';

describe('isSafeHref', () => {
  it.each(['https://example.com/a', 'http://example.com', 'mailto:desk@example.com', '/politics/', '/'])(
    'accepts %s',
    (href) => expect(isSafeHref(href)).toBe(true),
  );

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.example', 'ftp://example.com', 'politics/'])(
    'refuses %s',
    (href) => expect(isSafeHref(href)).toBe(false),
  );

  // Browsers read a backslash as a slash and drop tabs and line breaks inside a URL, so each of these leaves the site.
  it.each(['/\\evil.example', '/\t/evil.example', '/\n/evil.example', '\\\\evil.example'])(
    'refuses %j, which a browser opens on another host',
    (href) => expect(isSafeHref(href)).toBe(false),
  );
});

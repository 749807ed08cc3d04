import type { JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Server-only rendering: a complete HTML document as a string. Preact escapes every text and attribute value. */
export const renderDocument = (page: JSX.Element): string => `<!DOCTYPE html>${renderToString(page)}`;

import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';

/**
 * Trusted HTML put in the page as it is, with no element around it: what plugins' slots and themes' components
 * give back. preact/jsx-runtime's jsxTemplate is the node its precompiled JSX makes of literal markup, which
 * preact-render-to-string writes out unchanged; a wrapper (dangerouslySetInnerHTML needs one) would be invalid in
 * <head> and would change every page that has plugins. Never give it anything a reader or an editor typed.
 */
export const rawHtml = (html: string): VNode => jsxTemplate([html]);

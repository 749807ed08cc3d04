import type { NavigationProps } from './Themed.js';

/**
 * The default theme's section navigation, nothing on a site without sections. The sections, twice, one shown at a
 * time by the stylesheet: a strip on wide screens, and on phones, where seven sections do not fit in a line, a
 * "Sections" disclosure that opens the whole list (a <details>, so it works without JavaScript; static/section-menu.js
 * adds Escape and closes it when focus leaves). A hidden copy is display:none, out of the tab order and the
 * accessibility tree.
 */
export const Navigation = ({ nav, currentSection, label }: NavigationProps) => {
  if (nav.length === 0) return null;
  // Made twice rather than one list of nodes shared by two parents.
  const links = () =>
    nav.map((item) => (
      <li>
        <a href={item.path} aria-current={item.slug === currentSection ? 'page' : undefined}>
          {item.name}
        </a>
      </li>
    ));
  return (
    <nav class="section-nav" aria-label={label}>
      <ul class="section-strip">{links()}</ul>
      <details class="section-menu">
        <summary>{label}</summary>
        <ul>{links()}</ul>
      </details>
    </nav>
  );
};

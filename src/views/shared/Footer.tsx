import type { FooterProps } from './Themed.js';

/** The default theme's site footer: the sections, the publication's pages, corrections and the feeds. */
export const Footer = ({ settings, labels, nav, pages, links }: FooterProps) => (
  <footer class="site-footer">
    <nav aria-label={labels.footer}>
      {nav.length > 0 ? (
        <ul>
          {nav.map((item) => (
            <li>
              <a href={item.path}>{item.name}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <ul class="footer-pages">
        {pages.map((page) => (
          <li>
            <a href={page.path}>{page.title}</a>
          </li>
        ))}
        <li>
          <a href={links.corrections}>{labels.corrections}</a>
        </li>
        <li>
          <a href={links.rssFeed}>{labels.rssFeed}</a>
        </li>
        <li>
          <a href={links.atomFeed}>{labels.atomFeed}</a>
        </li>
      </ul>
    </nav>
    <p>
      © {settings.publicationName}. {labels.publishedWith('Dateline')}
    </p>
  </footer>
);

// A Dateline theme (issue 14): a broadsheet's masthead and footer, and a stylesheet added after the base one.
// Load it with DATELINE_THEME=./examples/theme-broadsheet. Components return HTML strings here (a Preact node
// would do as well); everything taken from props is escaped before it goes into the markup.

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The masthead's inside: the name in capitals between rules, the tagline, and the home page's date. */
const Masthead = ({ settings, home, today }) => {
  const date = today
    ? `<p class="broadsheet-date">${escapeHtml(
        new Intl.DateTimeFormat(settings.language, { dateStyle: 'full', timeZone: settings.timeZone }).format(today),
      )}</p>`
    : '';
  const tagline = settings.tagline ? `<p class="broadsheet-tagline">${escapeHtml(settings.tagline)}</p>` : '';
  return (
    `<div class="masthead-inner broadsheet-masthead">` +
    `<a class="masthead-title broadsheet-title" href="${escapeHtml(home)}">${escapeHtml(settings.publicationName)}</a>` +
    `${tagline}${date}</div>`
  );
};

/** The footer: one line of the publication's pages and the corrections, then the imprint. */
const Footer = ({ settings, labels, pages, links }) => {
  const items = [
    ...pages.map((p) => [p.path, p.title]),
    [links.corrections, labels.corrections],
    [links.rssFeed, labels.rssFeed],
  ]
    .map(([href, text]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></li>`)
    .join('');
  return (
    `<footer class="site-footer broadsheet-footer">` +
    `<nav aria-label="${escapeHtml(labels.footer)}"><ul>${items}</ul></nav>` +
    `<p class="broadsheet-imprint">Printed and published by ${escapeHtml(settings.publicationName)}.</p>` +
    `</footer>`
  );
};

export default {
  name: 'broadsheet',
  css: ['broadsheet.css'],
  components: { Masthead, Footer },
};

// An example Dateline plugin: a "Sponsor" field in the article editor, and a line at the start of the article
// page naming the sponsor when the field is set. See README.md beside this file and docs/extending.md.
//
// It imports nothing, so it runs from any folder. In a package that depends on Dateline, wrap the object in
// `definePlugin` from 'dateline/plugin' for its types; the annotation below gives editors the same checks.

/** What the slot puts into the page is HTML: the sponsor's name, typed in the newsroom, is escaped first. */
const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** @type {import('dateline/plugin').DatelinePlugin} */
const sponsor = {
  name: 'sponsor',
  version: '1.0.0',
  fields: [
    {
      name: 'sponsor',
      label: 'Sponsor',
      type: 'text',
      hint: 'The organisation that paid for this article, as readers should see it. Empty for none.',
    },
  ],
  slots: {
    'article-start': (ctx) => {
      const name = ctx.article?.custom_fields.sponsor;
      if (typeof name !== 'string' || name === '') return null;
      return `<p class="sponsor-line">Sponsored by ${escapeHtml(name)}</p>`;
    },
  },
};

export default sponsor;

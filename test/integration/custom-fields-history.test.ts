import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePath } from '../../src/domain/article-path.js';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { saveEdition } from '../../src/services/edition-admin.js';
import { importPage } from '../../src/services/import-page.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * Plugins' custom fields beyond save and restore (issue 14): merged field by field when two people edit at once,
 * listed on the revisions page's comparison, and carried into a translation drafted from the article.
 */

const deskExtras = {
  name: 'desk-extras',
  version: '1.0.0',
  fields: [
    { name: 'sponsor', label: 'Sponsor', type: 'text' },
    { name: 'region', label: 'Region', type: 'select', options: ['North', 'South'] },
    { name: 'exclusive', label: 'Exclusive', type: 'boolean' },
  ],
};

const article = {
  headline: 'Quay Lights Paid For by a Shipping Firm',
  standfirst: 'The harbour board signed the deal on Tuesday.',
  body: 'The lights go up along the new quay in May.\n\nThe firm pays for ten years of upkeep.',
  section: 'politics',
  authors: 'mei-aoki',
  tags: 'harbour',
  slug: '',
  seoDescription: '',
};

/** The editor form of a page as a browser would send it (a checkbox only when ticked), without its token. */
const editorForm = (html: string): Record<string, string> => {
  const form = dom(html).querySelector('form.nr-editor')!;
  const values: Record<string, string> = {};
  for (const input of form.querySelectorAll('input[name]')) {
    const type = input.getAttribute('type');
    if (type === 'file' || (type === 'checkbox' && !input.hasAttribute('checked'))) continue;
    values[input.getAttribute('name')!] = input.getAttribute('value') ?? (type === 'checkbox' ? 'on' : '');
  }
  for (const area of form.querySelectorAll('textarea[name]')) values[area.getAttribute('name')!] = area.text;
  for (const select of form.querySelectorAll('select[name]'))
    values[select.getAttribute('name')!] = select.querySelector('option[selected]')?.getAttribute('value') ?? '';
  delete values._csrf;
  return values;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(
    `custom fields in merges, comparisons and translations on ${backend.name}`,
    () => {
      let storage: TestStorage;
      let t: TestApp;
      let eden: NewsroomClient;
      let owner: NewsroomClient;

      const stored = async (id: number) =>
        JSON.parse(
          (
            await storage.db
              .selectFrom('article')
              .select('custom_fields')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).custom_fields ?? '{}',
        ) as unknown;
      /** Both people open the article; the revision they both start from. */
      const bothOpen = async (id: number) => {
        await owner.get(`/newsroom/articles/${id}`);
        const page = await eden.get(`/newsroom/articles/${id}`);
        return dom(page.body).querySelector('form.nr-editor input[name="revision"]')!.getAttribute('value')!;
      };

      beforeAll(async () => {
        storage = await backend.open();
        await loadNewsroomFixture(storage.db);
        for (const p of [PEOPLE.eden, PEOPLE.owner]) await ensurePerson(storage.db, p);
        t = await buildTestApp(storage.db, FIXTURE_NOW, { plugins: createPluginRegistry([deskExtras]) });
        eden = new NewsroomClient(t.app);
        owner = new NewsroomClient(t.app);
        await eden.signIn(PEOPLE.eden.email, PASSWORD);
        await owner.signIn(PEOPLE.owner.email, PASSWORD);
      });
      afterAll(async () => {
        await t?.close();
        await storage?.destroy();
      });

      it('merges custom fields field by field: theirs where only they changed one, mine where only I did', async () => {
        const { id, url } = await eden.createArticle({
          ...article,
          action: 'save',
          'custom-sponsor': 'Bayside Shipping',
          'custom-region': 'South',
        });
        const revision = await bothOpen(id);
        const theirs = await owner.post(url, {
          ...article,
          revision,
          action: 'save',
          'custom-sponsor': 'Harbour Fund',
          'custom-region': 'South',
          'custom-exclusive': 'on',
        });
        expect(theirs.statusCode).toBe(303);
        // Mine changes the region and the headline; the sponsor is as it was, spaced differently.
        const mine = await eden.post(url, {
          ...article,
          headline: 'Shipping Firm Pays for the Quay Lights',
          revision,
          action: 'save',
          'custom-sponsor': '  Bayside   Shipping ',
          'custom-region': 'North',
        });
        expect(mine.statusCode).toBe(409);
        expect(await htmlProblems(mine.body)).toEqual([]);
        const page = dom(mine.body);
        const panel = page.querySelector('.nr-conflict')!.text;
        expect(panel).toContain('Their changes to the “Sponsor” field, “Exclusive” field are merged into the form.');
        expect(panel).toContain('None of your changes clash with theirs.');
        expect(page.querySelector('#custom-sponsor')!.getAttribute('value')).toBe('Harbour Fund');
        expect(page.querySelector('#custom-region option[selected]')!.text).toBe('North');
        expect(page.querySelector('#custom-exclusive')!.hasAttribute('checked')).toBe(true);
        // Nothing was written over theirs until the merged form is saved.
        expect(await stored(id)).toEqual({ sponsor: 'Harbour Fund', region: 'South', exclusive: true });
        const saved = await eden.post(url, { ...editorForm(mine.body), action: 'save' });
        expect(saved.statusCode).toBe(303);
        expect(await stored(id)).toEqual({ sponsor: 'Harbour Fund', region: 'North', exclusive: true });
        const after = await storage.db.selectFrom('article').select('headline').where('id', '=', id).executeTakeFirst();
        expect(after!.headline).toBe('Shipping Firm Pays for the Quay Lights');
      });

      it('shows a field both changed differently as a clash, named by its label, and keeps my value in the form', async () => {
        const { id, url } = await eden.createArticle({
          ...article,
          action: 'save',
          'custom-sponsor': 'Bayside Shipping',
        });
        const revision = await bothOpen(id);
        expect(
          (await owner.post(url, { ...article, revision, action: 'save', 'custom-sponsor': 'Harbour Fund' }))
            .statusCode,
        ).toBe(303);
        const mine = await eden.post(url, {
          ...article,
          revision,
          action: 'save',
          'custom-sponsor': 'Quay Lights Trust',
          'custom-exclusive': 'on',
        });
        expect(mine.statusCode).toBe(409);
        expect(await htmlProblems(mine.body)).toEqual([]);
        const page = dom(mine.body);
        expect(page.querySelector('.nr-conflict')!.text).toContain(
          'You both changed the “Sponsor” field: the form keeps your version',
        );
        const diffs = page.querySelectorAll('.nr-conflict .nr-diff');
        expect(diffs.map((d) => d.querySelector('h3')!.text)).toEqual(['Both changed the “Sponsor” field']);
        expect(diffs[0]!.querySelector('.nr-theirs pre')!.text).toBe('Harbour Fund');
        expect(diffs[0]!.querySelector('.nr-mine pre')!.text).toBe('Quay Lights Trust');
        expect(page.querySelector('#custom-sponsor')!.getAttribute('value')).toBe('Quay Lights Trust');
        expect(page.querySelector('#custom-exclusive')!.hasAttribute('checked')).toBe(true);
        // Taking over saves my version of the field.
        const takeOver = page.querySelector('form.nr-takeover')!;
        const fields = Object.fromEntries(
          takeOver.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
        );
        expect((await eden.post(url, { ...fields, action: 'save' }, { csrf: fields._csrf! })).statusCode).toBe(303);
        expect(await stored(id)).toEqual({ sponsor: 'Quay Lights Trust', exclusive: true });
      });

      it('lists the custom fields two revisions differ in on the comparison, by label, old → new', async () => {
        const { url } = await eden.createArticle({
          ...article,
          action: 'save',
          'custom-sponsor': 'Bayside Shipping',
        });
        const page = await eden.get(url);
        const revision = dom(page.body).querySelector('input[name="revision"]')!.getAttribute('value')!;
        await eden.post(url, {
          ...article,
          revision,
          action: 'save',
          'custom-sponsor': 'Harbour Fund',
          'custom-region': 'North',
          'custom-exclusive': 'on',
        });
        const compared = await eden.get(`${url}/revisions?a=1&b=2`);
        expect(compared.statusCode).toBe(200);
        expect(await htmlProblems(compared.body)).toEqual([]);
        const changes = dom(compared.body).querySelector('.nr-field-changes')!;
        expect(changes.querySelector('h3')!.text).toBe('Fields');
        expect(changes.querySelectorAll('li').map((li) => li.text)).toEqual([
          'Sponsor: Bayside Shipping → Harbour Fund',
          'Region: (empty) → North',
          'Exclusive: not ticked → ticked',
        ]);
        expect(changes.querySelector('li del')!.text).toBe('Bayside Shipping');
        expect(changes.querySelector('li ins')!.text).toBe('Harbour Fund');
        // The words did not change: only the fields are listed, and the page does not say the revisions are the same.
        const section = dom(compared.body).querySelector('section[aria-labelledby="changes"]')!;
        expect(section.querySelectorAll('.nr-diff')).toHaveLength(1);
        expect(section.querySelector('.empty')).toBeNull();
        // Compared the other way, the change reads backwards; compared with itself, nothing is listed.
        const backwards = dom((await eden.get(`${url}/revisions?a=2&b=1`)).body);
        expect(backwards.querySelectorAll('.nr-field-changes li').map((li) => li.text)[0]).toBe(
          'Sponsor: Harbour Fund → Bayside Shipping',
        );
        const same = dom((await eden.get(`${url}/revisions?a=2&b=2`)).body);
        expect(same.querySelector('.nr-field-changes')).toBeNull();
        expect(same.querySelector('section[aria-labelledby="changes"] .empty')!.text).toBe(
          'The two revisions have the same words.',
        );
      });

      it('copies the custom fields into a translation drafted with Translate, and into one imported with --translation-of', async () => {
        const jaId = await saveEdition(storage.db, null, {
          language: 'ja',
          prefix: '/ja/',
          publicationName: 'デイトライン',
          shortName: 'DL',
          tagline: '',
        });
        await t.site.refresh();
        const fields = { 'custom-sponsor': 'Bayside Shipping', 'custom-region': 'South', 'custom-exclusive': 'on' };
        const source = await eden.createArticle({ ...article, action: 'publish', ...fields });
        const values = { sponsor: 'Bayside Shipping', region: 'South', exclusive: true };

        await eden.get(source.url);
        const res = await eden.post(`${source.url}/translate`, { edition: String(jaId) });
        expect(res.statusCode).toBe(303);
        const draftId = Number(
          /^\/newsroom\/articles\/(\d+)\?saved=translated$/.exec(String(res.headers.location))![1],
        );
        expect(await stored(draftId)).toEqual(values);
        const draft = dom((await eden.get(`/newsroom/articles/${draftId}`)).body);
        expect(draft.querySelector('#custom-sponsor')!.getAttribute('value')).toBe('Bayside Shipping');
        expect(draft.querySelector('#custom-exclusive')!.hasAttribute('checked')).toBe(true);

        // The CLI's import of a translation does as Translate does.
        const other = await eden.createArticle({
          ...article,
          headline: 'Ferry Fares Held',
          action: 'publish',
          ...fields,
        });
        const site = await loadSiteContext(storage.db);
        const row = await storage.db
          .selectFrom('article')
          .selectAll()
          .where('id', '=', other.id)
          .executeTakeFirstOrThrow();
        const path = articlePath(
          site,
          site.sections.byId.get(row.section_id)!,
          new Date(row.first_published_at!),
          row.id,
        );
        const page = ['フェリー運賃、据え置き', '2026年1月21日 13:01', '運賃は来年も変わらない。'].join('\n');
        const imported = await importPage(storage.db, page, { language: 'ja', translationOf: path, now: FIXTURE_NOW });
        expect(imported.created).toBe(true);
        expect(await stored(imported.articleId)).toEqual(values);
      });
    },
  );
}

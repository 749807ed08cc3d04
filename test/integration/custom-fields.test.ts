import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { loadArticlePage } from '../../src/services/reader-pages.js';
import { saveArticle } from '../../src/services/save-article.js';
import { revisionRowsByKey } from '../../src/storage/repositories/revision.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** A plugin with one field of every type; the sponsor is required before an article goes live. */
const deskExtras = {
  name: 'desk-extras',
  version: '1.0.0',
  fields: [
    { name: 'sponsor', label: 'Sponsor', type: 'text', required: true, hint: 'Who paid for the article.' },
    { name: 'source_link', label: 'Source link', type: 'url' },
    { name: 'region', label: 'Region', type: 'select', options: ['North', 'South'] },
    { name: 'embargo', label: 'Embargo until', type: 'date' },
    { name: 'exclusive', label: 'Exclusive', type: 'boolean' },
  ],
};

const article = {
  headline: 'Harbour Sponsorship Deal Signed',
  standfirst: 'A shipping firm pays for the new quay lights.',
  body: 'The harbour board signed the agreement on Tuesday.\n\nWork starts in May.',
  section: 'politics',
  authors: 'mei-aoki',
  tags: 'harbour',
  slug: '',
  seoDescription: '',
};

const ALL_SET = {
  'custom-sponsor': 'Bayside Shipping',
  'custom-source_link': 'https://example.org/deal',
  'custom-region': 'South',
  'custom-embargo': '2026-03-31',
  'custom-exclusive': 'on',
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`custom fields on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    let bare: TestApp;
    let eden: NewsroomClient;

    const stored = async (id: number) =>
      (await storage.db.selectFrom('article').select('custom_fields').where('id', '=', id).executeTakeFirstOrThrow())
        .custom_fields;
    const valueOf = (html: string, name: string) => dom(html).querySelector(`#${name}`)?.getAttribute('value');
    /** Posts the editor form of an article as it now stands, with some fields changed. */
    const resave = async (
      id: number,
      changes: Record<string, string>,
      opts: { headers?: Record<string, string> } = {},
    ) => {
      const page = await eden.get(`/newsroom/articles/${id}`);
      const revision = dom(page.body).querySelector('input[name="revision"]')!.getAttribute('value')!;
      return eden.post(`/newsroom/articles/${id}`, { ...article, revision, action: 'save', ...changes }, opts);
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW, { plugins: createPluginRegistry([deskExtras]) });
      bare = await buildTestApp(storage.db, FIXTURE_NOW);
      await ensurePerson(storage.db, PEOPLE.eden);
      eden = new NewsroomClient(t.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await bare?.close();
      await storage?.destroy();
    });

    it('shows every plugin field in the editor, labelled, with hints and required marks, as valid HTML', async () => {
      const page = await eden.get('/newsroom/articles/new');
      expect(page.statusCode).toBe(200);
      const fieldset = dom(page.body).querySelector('fieldset.nr-custom-fields')!;
      expect(fieldset.querySelector('legend')!.text).toBe('Fields');
      expect(fieldset.querySelectorAll('label').map((l) => l.text.trim())).toEqual([
        'Sponsor (required to publish)',
        'Source link',
        'Region',
        'Embargo until',
        'Exclusive',
      ]);
      expect(fieldset.querySelector('label[for="custom-sponsor"]')).not.toBeNull();
      expect(fieldset.querySelector('#custom-sponsor')!.getAttribute('aria-describedby')).toBe('custom-sponsor-hint');
      expect(fieldset.querySelector('#custom-sponsor-hint')!.text).toBe('Who paid for the article.');
      expect(fieldset.querySelector('#custom-source_link')!.getAttribute('type')).toBe('url');
      expect(fieldset.querySelector('#custom-embargo')!.getAttribute('type')).toBe('date');
      expect(fieldset.querySelectorAll('#custom-region option').map((o) => o.text)).toEqual(['None', 'North', 'South']);
      expect(fieldset.querySelector('#custom-exclusive')!.getAttribute('type')).toBe('checkbox');
      expect(await htmlProblems(page.body)).toEqual([]);
    });

    it('adds nothing to the editor without plugins, and a save there stores no custom fields', async () => {
      const plain = new NewsroomClient(bare.app);
      await plain.signIn(PEOPLE.eden.email, PASSWORD);
      const page = await plain.get('/newsroom/articles/new');
      expect(page.body).not.toContain('custom-');
      expect(page.body).not.toContain('nr-custom-fields');
      // A field the form should not have is not stored either: no plugin defines it.
      const { id } = await plain.createArticle({ ...article, action: 'save', 'custom-sponsor': 'Nobody' });
      expect(await stored(id)).toBeNull();
      const [first] = await revisionRowsByKey(storage.db, id, [1]);
      expect(JSON.parse(first!.snapshot)).not.toHaveProperty('customFields');
    });

    it('stores every type of field from the editor and shows the values again', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'save', ...ALL_SET });
      expect(JSON.parse((await stored(id))!)).toEqual({
        sponsor: 'Bayside Shipping',
        source_link: 'https://example.org/deal',
        region: 'South',
        embargo: '2026-03-31',
        exclusive: true,
      });
      const page = await eden.get(`/newsroom/articles/${id}`);
      expect(valueOf(page.body, 'custom-sponsor')).toBe('Bayside Shipping');
      expect(valueOf(page.body, 'custom-embargo')).toBe('2026-03-31');
      expect(dom(page.body).querySelector('#custom-region option[selected]')!.text).toBe('South');
      expect(dom(page.body).querySelector('#custom-exclusive')!.hasAttribute('checked')).toBe(true);

      // Emptied text and an unticked box (a browser sends nothing for it): the text goes, the box is false.
      await resave(id, { ...ALL_SET, 'custom-sponsor': '  ', 'custom-exclusive': '' });
      expect(JSON.parse((await stored(id))!)).toEqual({
        source_link: 'https://example.org/deal',
        region: 'South',
        embargo: '2026-03-31',
        exclusive: false,
      });
    });

    it('saves the fields from a multipart post, as the editor sends it', async () => {
      await eden.get('/newsroom/articles/new');
      const res = await eden.postMultipart('/newsroom/articles', {
        ...article,
        action: 'save',
        'custom-sponsor': 'Quay Lights Trust',
      });
      expect(res.statusCode).toBe(303);
      const id = Number(/\/newsroom\/articles\/(\d+)/.exec(String(res.headers.location))![1]);
      expect(JSON.parse((await stored(id))!)).toEqual({ sponsor: 'Quay Lights Trust', exclusive: false });
    });

    it('refuses values that do not fit, each message by its field, keeping what was typed and writing nothing', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'save', 'custom-sponsor': 'Bayside Shipping' });
      const before = await stored(id);
      const res = await resave(id, {
        'custom-sponsor': 'x'.repeat(501),
        'custom-source_link': 'javascript:alert(1)',
        'custom-region': 'West',
        'custom-embargo': '2026-02-30',
        'custom-exclusive': 'yes',
      });
      expect(res.statusCode).toBe(400);
      const page = dom(res.body);
      expect(page.querySelector('#custom-sponsor-error')!.text).toBe('Keep “Sponsor” under 500 characters.');
      expect(page.querySelector('#custom-source_link-error')!.text).toBe(
        'Give “Source link” as a web address starting with https:// or http://.',
      );
      expect(page.querySelector('#custom-region-error')!.text).toBe('Choose “Region” from the list (North, South).');
      expect(page.querySelector('#custom-embargo-error')!.text).toBe(
        'Give “Embargo until” as a date, year-month-day (2026-03-31).',
      );
      expect(page.querySelector('#custom-exclusive-error')!.text).toBe('Tick “Exclusive” or leave it unticked.');
      expect(page.querySelector('#custom-source_link')!.getAttribute('aria-describedby')).toBe(
        'custom-source_link-error',
      );
      expect(page.querySelector('#custom-sponsor')!.getAttribute('aria-describedby')).toBe(
        'custom-sponsor-hint custom-sponsor-error',
      );
      expect(valueOf(res.body, 'custom-source_link')).toBe('javascript:alert(1)');
      expect(valueOf(res.body, 'custom-embargo')).toBe('2026-02-30');
      expect(await stored(id)).toBe(before);
      expect(await htmlProblems(res.body)).toEqual([]);
    });

    it('lets a draft be saved without a required field, but not be published without it', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'save' });
      expect(JSON.parse((await stored(id))!)).toEqual({ exclusive: false });
      const refused = await resave(id, { action: 'publish', 'custom-region': 'North' });
      expect(refused.statusCode).toBe(400);
      expect(dom(refused.body).querySelector('#custom-sponsor-error')!.text).toBe(
        'Fill in “Sponsor” before the article goes to review or is published.',
      );
      expect(dom(refused.body).querySelector('#custom-region option[selected]')!.text).toBe('North');
      const published = await resave(id, { action: 'publish', 'custom-sponsor': 'Bayside Shipping' });
      expect(published.statusCode).toBe(303);
      expect(JSON.parse((await stored(id))!)).toMatchObject({ sponsor: 'Bayside Shipping' });
    });

    it('saves the fields on autosave (JSON), as the rich editor does', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'save' });
      const res = await resave(
        id,
        { action: 'autosave', 'custom-sponsor': 'Harbour Fund' },
        { headers: { accept: 'application/json' } },
      );
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ id });
      expect(JSON.parse((await stored(id))!)).toMatchObject({ sponsor: 'Harbour Fund' });
      const bad = await resave(
        id,
        { action: 'autosave', 'custom-embargo': 'soon' },
        { headers: { accept: 'application/json' } },
      );
      expect(bad.statusCode).toBe(400);
      expect(JSON.parse(bad.body).error.fields).toEqual({
        'custom-embargo': 'Give “Embargo until” as a date, year-month-day (2026-03-31).',
      });
    });

    it('keeps the values of fields no plugin defines any more, through the editor and through importers', async () => {
      const id = await saveArticle(
        storage.db,
        null,
        {
          slug: 'retired-field',
          headline: 'A field outlives its plugin',
          standfirst: null,
          body: [paragraph('Stored before the plugin went.')],
          sectionId: ids.sections.politics,
          authorIds: [ids.authors.aoki],
          tags: [],
          photo: null,
          status: 'draft',
          publishedAt: null,
          updatedAt: null,
          customFields: { retired_badge: 'gold', sponsor: 'Old Sponsor' },
        },
        FIXTURE_NOW,
      );
      await resave(id, { 'custom-sponsor': 'New Sponsor', 'custom-retired_badge': 'forged' });
      expect(JSON.parse((await stored(id))!)).toEqual({
        retired_badge: 'gold',
        sponsor: 'New Sponsor',
        exclusive: false,
      });
      // An importer's save names no custom fields: the stored ones stay, and its revision records them.
      const row = await storage.db
        .selectFrom('article')
        .select('revision')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await saveArticle(
        storage.db,
        id,
        {
          slug: 'retired-field',
          headline: 'A field outlives its plugin, reimported',
          standfirst: null,
          body: [paragraph('Stored before the plugin went.')],
          sectionId: ids.sections.politics,
          authorIds: [ids.authors.aoki],
          tags: [],
          photo: null,
          status: 'draft',
          publishedAt: null,
          updatedAt: null,
        },
        FIXTURE_NOW,
      );
      expect(JSON.parse((await stored(id))!)).toEqual({
        retired_badge: 'gold',
        sponsor: 'New Sponsor',
        exclusive: false,
      });
      const [copy] = await revisionRowsByKey(storage.db, id, [row.revision + 1]);
      expect(JSON.parse(copy!.snapshot).customFields).toEqual({
        retired_badge: 'gold',
        sponsor: 'New Sponsor',
        exclusive: false,
      });
    });

    it('keeps the fields in each revision, and a restore brings back the earlier values', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'save', 'custom-sponsor': 'First Sponsor' });
      await resave(id, { 'custom-sponsor': 'Second Sponsor', 'custom-region': 'North' });
      const [one, two] = await revisionRowsByKey(storage.db, id, [1, 2]).then((rows) =>
        [1, 2].map((r) => rows.find((row) => row.revision === r)!),
      );
      expect(JSON.parse(one!.snapshot).customFields).toEqual({ sponsor: 'First Sponsor', exclusive: false });
      expect(JSON.parse(two!.snapshot).customFields).toEqual({
        sponsor: 'Second Sponsor',
        region: 'North',
        exclusive: false,
      });
      await eden.get(`/newsroom/articles/${id}/revisions`);
      const restored = await eden.post(`/newsroom/articles/${id}/revisions/1/restore`, {});
      expect(restored.statusCode).toBe(303);
      expect(JSON.parse((await stored(id))!)).toEqual({ sponsor: 'First Sponsor', exclusive: false });
      const page = await eden.get(`/newsroom/articles/${id}`);
      expect(valueOf(page.body, 'custom-sponsor')).toBe('First Sponsor');
      expect(dom(page.body).querySelector('#custom-region option[selected]')).toBeNull();
    });

    it('restoring a revision saved before the article had custom fields empties them', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'save' });
      await storage.db.updateTable('article').set({ custom_fields: null }).where('id', '=', id).execute();
      await storage.db
        .updateTable('article_revision')
        .set({
          snapshot: JSON.stringify({
            ...JSON.parse((await revisionRowsByKey(storage.db, id, [1]))[0]!.snapshot),
            customFields: undefined,
          }),
        })
        .where('article_id', '=', id)
        .where('revision', '=', 1)
        .execute();
      await resave(id, { 'custom-sponsor': 'Later Sponsor' });
      await eden.get(`/newsroom/articles/${id}/revisions`);
      await eden.post(`/newsroom/articles/${id}/revisions/1/restore`, {});
      expect(await stored(id)).toBeNull();
    });

    it('gives the reader page the article with its custom fields', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'publish', ...ALL_SET });
      await t.site.refresh();
      const data = await loadArticlePage(storage.db, t.site.current().context, { top: () => [] }, id, FIXTURE_NOW);
      expect(data!.article.customFields).toEqual({
        sponsor: 'Bayside Shipping',
        source_link: 'https://example.org/deal',
        region: 'South',
        embargo: '2026-03-31',
        exclusive: true,
      });
    });
  });
}

import { PASSWORD, PEOPLE } from '../support/newsroom-people.js';
import type { FormPayload } from './bodies.js';
import type { FuzzWorld } from './fuzz-world.js';
import type { Rng } from './prng.js';
import type { FormField, ScrapedForm } from './scrape.js';
import { hugeText, oddNumber, oddText, sentence, word } from './values.js';

const EMAILS = Object.values(PEOPLE).map((p) => p.email);
const RESERVED = ['newsroom', 'media', 'static', 'api', 'ranking', 'corrections', 'search', 'feed', 'tag', 'sitemaps'];
const ACTIONS = ['save', 'submit', 'publish', 'schedule', 'unpublish', 'send_back', 'approve', 'autosave', 'delete'];

/** The id in a form's action (`/newsroom/articles/12`), or null. */
export const articleIdOf = (action: string): number | null => {
  const m = /^\/newsroom\/articles\/(\d+)/.exec(action);
  return m ? Number(m[1]) : null;
};

/**
 * A value a person could mean for a field of this name: what makes validation pass (so saves reach the database)
 * or fail for a reason it should explain. Null when the name is not one we know.
 */
const meaningful = (rng: Rng, world: FuzzWorld, name: string, form: ScrapedForm): string | null => {
  const { pools } = world;
  const id = articleIdOf(form.action);
  switch (name) {
    case 'headline':
    case 'standfirst':
    case 'name':
    case 'publicationName':
    case 'tagline':
    case 'photoCaption':
    case 'photoCredit':
    case 'photoAlt':
    case 'bodyImageAlt':
    case 'bodyImageCaption':
    case 'bodyImageCredit':
    case 'seoDescription':
    case 'note':
    case 'text':
    case 'q':
      return sentence(rng);
    case 'body':
      return Array.from({ length: rng.int(1, 4) }, () => sentence(rng)).join('\n\n');
    case 'section':
    case 'scope':
    case 'parent':
      return rng.pick([...pools.sections, 'home', '']);
    case 'authors':
      return Array.from({ length: rng.int(0, 3) }, () => rng.pick([...pools.authors, word(rng)])).join(', ');
    case 'tags': {
      // Few words, so a tag now and then comes twice, as people type them.
      const tags = Array.from({ length: rng.int(0, 4) }, () => rng.pick(['Tokyo', 'tokyo', 'election', word(rng)]));
      return tags.join(rng.pick([', ', ',', ' , ']));
    }
    case 'slug':
      return rng.pick([`${word(rng)}-${word(rng)}`, ...RESERVED, ...pools.sections, 'Not A Slug', '-x-']);
    case 'photoMediaId':
      return rng.pick([...pools.media.map(String), '', '0', '99999999']);
    case 'scheduleAt':
      return rng.pick(['2030-02-30T10:00', '2031-01-15T09:30', '2020-01-01T00:00', '2026-13-01T25:00', 'tomorrow', '']);
    case 'revision':
      return String(id === null ? '' : (pools.revisions.get(id) ?? rng.int(0, 5)));
    case 'action':
      return rng.pick(ACTIONS);
    case 'email':
    case 'username':
      // Few names, so new accounts are made and then met again as duplicates.
      return rng.pick([
        ...EMAILS,
        `${word(rng).slice(0, 2)}@example.com`,
        'not-an-email',
        ` ${EMAILS[0]!.toUpperCase()} `,
      ]);
    case 'password':
    case 'current':
    case 'confirm':
      return rng.pick([PASSWORD, PASSWORD, 'short', `${sentence(rng)} long enough`, '']);
    case 'role':
      return rng.pick(['contributor', 'editor', 'admin', 'owner', '']);
    case 'change':
      return rng.pick(['disable', 'enable', 'password', 'role', 'delete']);
    case 'kind':
      return rng.pick(['correction', 'clarification', 'editors-note', 'retraction']);
    case 'shortName':
    case 'timeZoneLabel':
      return rng.pick(['DN', 'UTC', 'X', word(rng).toUpperCase(), 'A'.repeat(30)]);
    case 'timeZone':
      return rng.pick(['Asia/Tokyo', 'UTC', 'Europe/London', 'America/St_Johns', 'Mars/Olympus', 'asia/tokyo']);
    case 'language':
      return rng.pick(['en', 'ja-JP', 'pt-BR', 'english', 'e', 'x-klingon-1234567890']);
    case 'baseUrl':
      return rng.pick(['https://news.example', 'http://127.0.0.1:3000/', 'not a url', 'javascript:alert(1)', '']);
    case 'position':
      return oddNumber(rng);
    case 'removePhoto':
    case 'significant':
      return rng.pick(['on', '', 'off']);
    case 'resume_to':
      return rng.pick([
        '/newsroom/articles',
        `/newsroom/articles/${rng.pick(pools.articles)}`,
        '/newsroom/articles/0',
        '//evil.example',
        '',
      ]);
    case 'resume_data':
      return rng.pick([JSON.stringify({ headline: sentence(rng), body: sentence(rng) }), '{"headline":', '[]', 'null']);
    case 'status':
      return rng.pick(['', 'draft', 'in_review', 'scheduled', 'published', 'unpublished', 'deleted']);
    case 'a':
    case 'b': {
      const top = id === null ? 3 : (pools.revisions.get(id) ?? 3);
      return String(rng.int(0, top + 1));
    }
    default:
      if (name.startsWith('pos_')) return rng.pick(['', '', '1', '2', '3', '12', '13', '0', '-1', 'x']);
      return null;
  }
};

/** What a person types into an empty field, meaning it to pass: a new short address, the known password. */
const typedValue = (rng: Rng, name: string): string | null => {
  // Curation's empty places mostly stay empty: a desk places one or two stories, not every candidate.
  if (name.startsWith('pos_')) return rng.chance(0.85) ? '' : String(rng.int(1, 12));
  if (name === 'email') return `${word(rng).slice(0, 2)}@example.com`;
  if (['password', 'current', 'confirm'].includes(name)) return PASSWORD;
  return null;
};

/**
 * One field's value. A submission changes each field with its own rate (a few fields, or most), so many are
 * valid and reach the database while others fail validation for one clear reason; the editor's revision is
 * the current one, as a freshly loaded page would carry.
 */
const valueFor = (rng: Rng, world: FuzzWorld, field: FormField, form: ScrapedForm, rate: number): string => {
  if (field.name === 'revision' && rng.chance(0.85)) return meaningful(rng, world, field.name, form) ?? field.value;
  const asOffered = field.choices.length > 1 ? rng.pick(field.choices) : field.value;
  // A field the page left empty is one a person fills in (a new account's email, a correction's text).
  const typed = field.value === '' && field.kind !== 'hidden' && rng.chance(0.7);
  if (typed) return typedValue(rng, field.name) ?? meaningful(rng, world, field.name, form) ?? asOffered;
  if (!rng.chance(rate)) return asOffered;
  return rng.weighted<() => string>([
    [5, () => meaningful(rng, world, field.name, form) ?? asOffered],
    [2, () => oddText(rng)],
    [0.3, () => hugeText(rng)],
  ])();
};

/** What goes into a file input: usually nothing, else an image that is good, cut short, fake or empty. */
const fileFor = (rng: Rng, world: FuzzWorld, field: string): FormPayload['files'] => {
  const { good, real, truncated } = world.images;
  const pick = rng.weighted<(() => FormPayload['files'][number]) | null>([
    [12, null],
    [2, () => ({ field, name: 'tiny.png', type: 'image/png', bytes: good })],
    [1, () => ({ field, name: 'photo.jpg', type: 'image/jpeg', bytes: real })],
    [2, () => ({ field, name: 'cut.jpg', type: 'image/jpeg', bytes: truncated })],
    [
      2,
      () => ({
        field,
        name: rng.pick(['x.png', '../../x.svg', 'a\u0000.gif', '']),
        type: 'image/png',
        bytes: rng.bytes(rng.int(0, 3000)),
      }),
    ],
    [1, () => ({ field, name: 'empty.png', type: 'image/png', bytes: Buffer.alloc(0) })],
    [
      0.5,
      () => ({
        field,
        name: 'x.svg',
        type: 'image/svg+xml',
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="99999" height="99999"/>'),
      }),
    ],
  ]);
  return pick ? [pick()] : [];
};

/**
 * A submission of a scraped form: its fields filled as above, then mutated the ways clients and attackers do:
 * fields missing, extra, repeated; and the form token valid, absent, wrong or someone else's.
 */
export const fillForm = (
  rng: Rng,
  world: FuzzWorld,
  form: ScrapedForm,
  csrf: { own: string; other: string },
): FormPayload => {
  const out: FormPayload = { fields: [], files: [] };
  const rate = rng.pick([0.05, 0.15, 0.4, 0.8]);
  for (const field of form.fields) {
    if (field.name === '_csrf') continue;
    if (rng.chance(0.04)) continue;
    if (field.kind === 'file') out.files.push(...fileFor(rng, world, field.name));
    // A checkbox left unticked sends nothing; a button sends its value only when it is the one pressed.
    else if (field.kind === 'checkbox' && rng.chance(0.5)) continue;
    else out.fields.push([field.name, valueFor(rng, world, field, form, rate)]);
    if (rng.chance(0.02)) out.fields.push([field.name, valueFor(rng, world, field, form, rate)]);
  }
  for (let extra = rng.chance(0.1) ? rng.int(1, 3) : 0; extra > 0; extra--) {
    out.fields.push([
      rng.pick(['__proto__', 'constructor', 'pos_99999', 'id', 'role', word(rng), 'file']),
      oddText(rng),
    ]);
  }
  const token = rng.weighted<string | null>([
    [88, csrf.own],
    [4, null],
    [4, rng.pick(['', 'x'.repeat(32), 'A'.repeat(43), oddText(rng)])],
    [4, csrf.other],
  ]);
  if (token !== null) out.fields.splice(rng.int(0, out.fields.length), 0, ['_csrf', token]);
  if (rng.chance(0.02)) out.fields.push(['_csrf', csrf.own]);
  return out;
};

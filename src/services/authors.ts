import { LISTS_KEY } from '../domain/surrogate-keys.js';
import { z } from 'zod';
import type { Author } from '../domain/article.js';
import { AUTHOR_LINK_KINDS, compactLinks, isHttpUrl, type AuthorLinks } from '../domain/author-links.js';
import { parseRowId } from '../domain/ids.js';
import { isSlug, slugify } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import {
  authorRowById,
  authorRowByUserId,
  insertAuthorRow,
  linkAuthorToUser,
  listAuthorListRows,
  slugTakenByOther,
  updateAuthorRow,
  type AuthorProfileValues,
} from '../storage/repositories/author.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import { findAccountRowById } from '../storage/repositories/user.repository.js';
import { forgetRendersOfAuthor } from '../storage/repositories/article-render.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { createAccount, type Account } from './accounts.js';
import { authorFromRow } from './author-from-row.js';
import { emptyAuthorForm, type AuthorFormValues } from './author-form.js';
import { fieldErrorsOf, InvalidInput, NotFound, type FieldErrors } from './errors.js';
import { indexArticlesByAuthor } from '../storage/search/search-indexing.js';
import { groupDigits } from '../domain/digits.js';

export const BIO_MAX = 1000;

const LinkField = z
  .string()
  .trim()
  .refine((url) => url === '' || isHttpUrl(url), 'Use a full address starting with https:// (or http://).');

const AuthorFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Write the author's name.")
    .max(120, 'Keep the name under 120 characters.')
    // The editor's Bylines field separates authors with commas, so a name with one could never be picked.
    .refine(
      (name) => !name.includes(','),
      'Leave commas out of the name: the Bylines field separates authors with them.',
    ),
  slug: z.string().trim().max(80, 'Keep the slug under 80 characters.'),
  jobTitle: z.string().trim().max(120, 'Keep the job title under 120 characters.'),
  bio: z
    .string()
    .trim()
    .max(BIO_MAX, `Keep the bio under ${groupDigits(BIO_MAX)} characters.`),
  photoMediaId: z.string().trim(),
  ...Object.fromEntries(AUTHOR_LINK_KINDS.map((kind) => [kind, LinkField])),
});

/** The slug to store: the one typed, or one made from the name; an error when neither gives a usable slug. */
const slugOf = (typed: string, name: string): { slug: string } | { error: string } => {
  if (typed !== '') {
    return isSlug(typed) ? { slug: typed } : { error: 'Use lower-case letters, digits and dashes, like ana-ito.' };
  }
  const made = slugify(name);
  // slugify falls back to "article" when a name has no letters it can use (one written in another script).
  if (made === 'article' && !/article/i.test(name)) return { error: 'Give a slug: none can be made from this name.' };
  return { slug: made };
};

/**
 * Checks a filled-in form and turns it into the columns to store; throws InvalidInput with a message by every
 * field that is wrong, all at once. `exceptId` is the author being edited (its own slug is not a clash).
 */
async function validProfile(db: Db, values: AuthorFormValues, exceptId: number | null): Promise<AuthorProfileValues> {
  const errors: FieldErrors = {};
  const parsed = AuthorFields.safeParse(values);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const name = values.name.trim();
  const slug = slugOf(values.slug.trim(), name);
  if ('error' in slug) errors.slug ??= slug.error;
  else if (name !== '' && (await slugTakenByOther(db, slug.slug, exceptId))) {
    errors.slug = `Another author already has the slug ${slug.slug}; choose another.`;
  }
  const photoText = values.photoMediaId.trim();
  const photoId = parseRowId(photoText);
  if (photoText !== '' && (photoId === null || (await findMediaRows(db, [photoId])).length === 0)) {
    errors.photoMediaId = 'No image in the library has that number; choose one from the image library.';
  }
  if (Object.keys(errors).length > 0 || !parsed.success || 'error' in slug) throw new InvalidInput(errors);
  const links: AuthorLinks = {};
  for (const kind of AUTHOR_LINK_KINDS) links[kind] = values[kind].trim();
  return {
    slug: slug.slug,
    name,
    bio: values.bio.trim(),
    job_title: values.jobTitle.trim(),
    photo_media_id: photoId,
    links: JSON.stringify(compactLinks(links)),
  };
}

const slugClash = (slug: string) =>
  new InvalidInput({ slug: `Another author already has the slug ${slug}; choose another.` });

/** Loads one author's whole profile; NotFound when there is none. */
export async function loadAuthor(db: Db, id: number): Promise<Author> {
  return (await loadAuthorForEdit(db, id)).author;
}

/** One author's profile and the id of the account linked to it, for its form; NotFound when there is none. */
export async function loadAuthorForEdit(db: Db, id: number): Promise<{ author: Author; accountId: number | null }> {
  const row = await authorRowById(db, id);
  if (!row) throw new NotFound('author', 'That author does not exist.');
  return { author: authorFromRow(row), accountId: row.user_id };
}

/**
 * The account a profile is to be linked to: undefined leaves the link as it is (an editor's save), null unlinks.
 * Refuses an account that does not exist or already has another profile.
 */
async function checkAccountLink(db: Db, account: number | null | undefined, authorId: number | null) {
  if (account === undefined || account === null) return;
  if (!(await findAccountRowById(db, account))) {
    throw new InvalidInput({ account: 'That account no longer exists; choose another.' });
  }
  const linked = await authorRowByUserId(db, account);
  if (linked && linked.id !== authorId) {
    throw new InvalidInput({ account: `That account already has a profile (${linked.name}); choose another.` });
  }
}

/** The account field of the form: '' for none, else an account id; undefined when it names nothing. */
export const accountChoiceOf = (raw: string): number | null | undefined =>
  raw === '' ? null : (parseRowId(raw) ?? undefined);

/**
 * Creates an author profile from a form (the Authors page, the CLI); throws InvalidInput. Readers' pages list
 * authors (the sitemap, bylines), so the content version moves with the write and every process redraws them.
 */
export async function createAuthor(db: Db, values: AuthorFormValues, account?: number | null): Promise<Author> {
  const id = await db.transaction().execute(async (trx) => {
    const profile = await validProfile(trx, values, null);
    await checkAccountLink(trx, account, null);
    // The same form sent twice at once passes the slug check twice: the second insert finds the slug taken.
    const inserted = await insertAuthorRow(trx, { ...profile, user_id: account ?? null });
    if (inserted === undefined) throw slugClash(profile.slug);
    await bumpContentVersion(trx, [LISTS_KEY]);
    return inserted;
  });
  return loadAuthor(db, id);
}

/** Rewrites an author's profile from its form (and its account link, unless `account` is undefined). */
export async function updateAuthor(
  db: Db,
  id: number,
  values: AuthorFormValues,
  account?: number | null,
): Promise<Author> {
  await loadAuthor(db, id);
  const profile = await validProfile(db, values, id);
  await checkAccountLink(db, account, id);
  try {
    await db.transaction().execute(async (trx) => {
      const row = account === undefined ? profile : { ...profile, user_id: account };
      if (!(await updateAuthorRow(trx, id, row))) throw new NotFound('author', 'That author does not exist.');
      await bumpContentVersion(trx, [LISTS_KEY]);
      // Every page it is bylined on shows the profile (name, address, job title, links).
      await forgetRendersOfAuthor(trx, id);
      await indexArticlesByAuthor(trx, id);
    });
  } catch (error) {
    // Another author took the slug (or the account) between the check and the write: a unique index refused it.
    if (error instanceof NotFound) throw error;
    if (await slugTakenByOther(db, profile.slug, id)) throw slugClash(profile.slug);
    await checkAccountLink(db, account, id);
    throw error;
  }
  return loadAuthor(db, id);
}

/** One line of the Authors page. */
export interface AuthorListEntry {
  id: number;
  slug: string;
  name: string;
  jobTitle: string;
  /** The name of the newsroom account whose own byline this is, or null. */
  accountName: string | null;
  accountId: number | null;
}

/** Every author by name, for the Authors page and the Users page's choice of profile. */
export const listAuthors = async (db: Db): Promise<AuthorListEntry[]> =>
  (await listAuthorListRows(db)).map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    jobTitle: row.job_title,
    accountName: row.account_name,
    accountId: row.user_id,
  }));

/** What a new article's Bylines field starts with for this account: its own profile's slug, or nothing. */
export const ownBylineOf = async (db: Db, accountId: number): Promise<string> =>
  (await authorRowByUserId(db, accountId))?.slug ?? '';

/** What an admin chose for a new account's author profile on the Users page. */
export type ProfileChoice = { kind: 'none' } | { kind: 'new' } | { kind: 'link'; authorId: number };

/** The Users form's `profile` field: "" (none), "new", or an author's id. */
export const profileChoiceOf = (raw: string): ProfileChoice | null => {
  if (raw === '' || raw === 'none') return { kind: 'none' };
  if (raw === 'new') return { kind: 'new' };
  const authorId = parseRowId(raw);
  return authorId === null ? null : { kind: 'link', authorId };
};

const alreadyLinked = () =>
  new InvalidInput({ profile: 'That author profile belongs to another account now; choose another.' });

/**
 * Makes a newsroom account and, as the admin chose, links it to an existing author profile or to a new one
 * under the account's name: one transaction, so a refused profile leaves no account behind (and the reverse).
 */
export async function createAccountWithProfile(
  db: Db,
  input: { name: string; email: string; role: string; password: string },
  choice: ProfileChoice,
  now: Date,
): Promise<Account> {
  if (choice.kind === 'link') {
    const author = await authorRowById(db, choice.authorId);
    if (!author) throw new InvalidInput({ profile: 'That author profile no longer exists; choose another.' });
    if (author.user_id !== null) throw alreadyLinked();
  }
  return db.transaction().execute(async (trx) => {
    const account = await createAccount(trx, input, now);
    if (choice.kind === 'link' && !(await linkAuthorToUser(trx, choice.authorId, account.id))) throw alreadyLinked();
    if (choice.kind === 'new') {
      await createProfileFor(trx, account);
      await bumpContentVersion(trx, [LISTS_KEY]);
    }
    return account;
  });
}

async function createProfileFor(db: Db, account: Account): Promise<void> {
  const clash = (slug: string) =>
    new InvalidInput({
      profile: `An author with the slug ${slug} exists: choose that profile from the list to link it.`,
    });
  const slug = slugify(account.name);
  if (await slugTakenByOther(db, slug, null)) throw clash(slug);
  let profile: AuthorProfileValues;
  try {
    profile = await validProfile(db, { ...emptyAuthorForm(), name: account.name }, null);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw new InvalidInput({
      profile: `No profile can be made from this name: ${Object.values(error.fields).join(' ')}`,
    });
  }
  // Another profile with the slug committed a moment ago: the insert found it taken.
  if ((await insertAuthorRow(db, { ...profile, user_id: account.id })) === undefined) throw clash(profile.slug);
}

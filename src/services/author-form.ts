import type { Author } from '../domain/article.js';

/** The Authors form exactly as typed: every value a string, so a refused form comes back unchanged. */
export interface AuthorFormValues {
  name: string;
  slug: string;
  jobTitle: string;
  bio: string;
  /** The photo's library id: typed, chosen from the library, or kept from an upload across a refused save. */
  photoMediaId: string;
  website: string;
  x: string;
  bluesky: string;
  mastodon: string;
  linkedin: string;
  /** The id of the newsroom account whose own byline this is, or '' for none; only admins change it. */
  account: string;
}

export const emptyAuthorForm = (): AuthorFormValues => ({
  name: '',
  slug: '',
  jobTitle: '',
  bio: '',
  photoMediaId: '',
  website: '',
  x: '',
  bluesky: '',
  mastodon: '',
  linkedin: '',
  account: '',
});

/** A stored author as its form shows it. */
export const authorFormValuesOf = (author: Author, accountId: number | null): AuthorFormValues => ({
  name: author.name,
  slug: author.slug,
  jobTitle: author.jobTitle,
  bio: author.bio,
  photoMediaId: author.photo ? String(author.photo.mediaId) : '',
  website: author.links.website ?? '',
  x: author.links.x ?? '',
  bluesky: author.links.bluesky ?? '',
  mastodon: author.links.mastodon ?? '',
  linkedin: author.links.linkedin ?? '',
  account: accountId === null ? '' : String(accountId),
});

/** Newsroom roles, from least to most trusted. */
export const ROLES = ['contributor', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** Everything a newsroom account can try to do. The server asks `can` before every one of them. */
export const ACTIONS = [
  'article.create',
  'article.edit-own-draft',
  'article.edit-any',
  'article.submit',
  'article.publish',
  'article.schedule',
  'article.unpublish',
  'article.send-back',
  'article.correct',
  'curation.edit',
  'authors.manage',
  'pages.manage',
  'redirects.manage',
  'users.manage',
  'sections.manage',
  'settings.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const CONTRIBUTOR: readonly Action[] = ['article.create', 'article.edit-own-draft', 'article.submit'];
const EDITOR: readonly Action[] = [
  ...CONTRIBUTOR,
  'article.edit-any',
  'article.publish',
  'article.schedule',
  'article.unpublish',
  'article.send-back',
  'article.correct',
  'curation.edit',
  'authors.manage',
  'pages.manage',
  // Old addresses (issue 17): editors fix the links to what they publish.
  'redirects.manage',
];
const ADMIN: readonly Action[] = [...EDITOR, 'users.manage', 'sections.manage', 'settings.manage'];

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  contributor: new Set(CONTRIBUTOR),
  editor: new Set(EDITOR),
  admin: new Set(ADMIN),
};

export const can = (role: Role, action: Action): boolean => GRANTS[role].has(action);

import type { ArticleStatus } from './article.js';
import { can, type Action, type Role } from './permissions.js';

/** What an editor's button asks for. "save" keeps the state; the others move it. */
export const WORKFLOW_ACTIONS = ['save', 'submit', 'publish', 'schedule', 'unpublish', 'send-back'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const isWorkflowAction = (v: unknown): v is WorkflowAction =>
  typeof v === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(v);

const FROM: Record<Exclude<WorkflowAction, 'save'>, readonly ArticleStatus[]> = {
  submit: ['draft'],
  publish: ['draft', 'in_review', 'scheduled', 'unpublished'],
  schedule: ['draft', 'in_review', 'unpublished', 'scheduled'],
  unpublish: ['published', 'scheduled'],
  'send-back': ['in_review'],
};

const TO: Record<Exclude<WorkflowAction, 'save'>, ArticleStatus> = {
  submit: 'in_review',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
  'send-back': 'draft',
};

const PERMISSION: Record<Exclude<WorkflowAction, 'save'>, Action> = {
  submit: 'article.submit',
  publish: 'article.publish',
  schedule: 'article.schedule',
  unpublish: 'article.unpublish',
  'send-back': 'article.send-back',
};

export type WorkflowDecision =
  { ok: true; status: ArticleStatus } | { ok: false; reason: 'forbidden' | 'not-allowed-now'; message: string };

export interface WorkflowSubject {
  /** Null for an article not yet saved. */
  status: ArticleStatus | null;
  ownedByActor: boolean;
}

const DONE: Record<Exclude<WorkflowAction, 'save'>, string> = {
  submit: 'submitted',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
  'send-back': 'sent back',
};

const STATUS_NAMES: Record<ArticleStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
};

/**
 * Whether `role` may take `action` on the article, and the state it leads to. Contributors write and edit
 * their own drafts and submit them; they cannot touch an article once it is in review or later.
 */
export const decide = (role: Role, action: WorkflowAction, subject: WorkflowSubject): WorkflowDecision => {
  const editsAny = can(role, 'article.edit-any');
  const current = subject.status;
  const mayEdit =
    current === null
      ? can(role, 'article.create')
      : editsAny || (subject.ownedByActor && current === 'draft' && can(role, 'article.edit-own-draft'));
  if (!mayEdit) {
    return {
      ok: false,
      reason: 'forbidden',
      message: current === null ? 'You cannot create articles.' : 'You cannot edit this article.',
    };
  }
  if (action === 'save') return { ok: true, status: current ?? 'draft' };
  if (!can(role, PERMISSION[action])) {
    return {
      ok: false,
      reason: 'forbidden',
      message: `Your role (${role}) cannot ${action.replace('-', ' ')} articles.`,
    };
  }
  const from = current ?? 'draft';
  if (!FROM[action].includes(from)) {
    return {
      ok: false,
      reason: 'not-allowed-now',
      message: `An article that is ${STATUS_NAMES[from]} cannot be ${DONE[action]}.`,
    };
  }
  return { ok: true, status: TO[action] };
};

/**
 * What a save did, told from the state before and after it, for the newsroom's activity list: a save that
 * keeps the state is an edit; a new article is "started" unless its first save already moved it on.
 */
export const describeChange = (before: ArticleStatus | null, after: ArticleStatus): string => {
  if (before === after) return 'edited';
  if (after === 'draft')
    return before === null ? 'started' : before === 'in_review' ? 'sent back' : 'moved back to draft';
  if (after === 'in_review') return 'submitted for review';
  return DONE[after === 'published' ? 'publish' : after === 'scheduled' ? 'schedule' : 'unpublish'];
};

/** Who Activity, revision lists and conflict notices name for a revision the scheduler wrote (by_schedule). */
export const BY_SCHEDULE = 'The schedule';

/** The name a revision is shown under: the schedule's, else the account's (null when there was none). */
export const revisionAuthor = (row: { by_schedule: number; saved_by_name: string | null }): string | null =>
  row.by_schedule === 1 ? BY_SCHEDULE : row.saved_by_name;

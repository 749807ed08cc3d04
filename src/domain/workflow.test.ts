import { describe, expect, it } from 'vitest';
import type { ArticleStatus } from './article.js';
import { ACTIONS, can, ROLES, type Action, type Role } from './permissions.js';
import { decide, describeChange, WORKFLOW_ACTIONS, type WorkflowAction } from './workflow.js';

// The whole role × action matrix, written out so a change to either shows up here.
const EXPECTED: Record<Role, Action[]> = {
  contributor: ['article.create', 'article.edit-own-draft', 'article.submit'],
  editor: [
    'article.create',
    'article.edit-own-draft',
    'article.submit',
    'article.edit-any',
    'article.publish',
    'article.schedule',
    'article.unpublish',
    'article.send-back',
    'article.correct',
    'curation.edit',
    'authors.manage',
    'pages.manage',
    'redirects.manage',
  ],
  admin: [...ACTIONS],
};

describe('the permission matrix', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${allowed ? 'lets' : 'does not let'} a ${role} ${action}`, () => expect(can(role, action)).toBe(allowed));
    }
  }
});

describe('workflow decisions', () => {
  const STATES: (ArticleStatus | null)[] = [null, 'draft', 'in_review', 'scheduled', 'published', 'unpublished'];
  // Which (state, action) pairs an editor may take, and where they lead.
  const EDITOR_MOVES: Record<string, ArticleStatus> = {
    'null:save': 'draft',
    'null:submit': 'in_review',
    'null:publish': 'published',
    'null:schedule': 'scheduled',
    'draft:save': 'draft',
    'draft:submit': 'in_review',
    'draft:publish': 'published',
    'draft:schedule': 'scheduled',
    'in_review:save': 'in_review',
    'in_review:publish': 'published',
    'in_review:schedule': 'scheduled',
    'in_review:send-back': 'draft',
    'scheduled:save': 'scheduled',
    'scheduled:publish': 'published',
    'scheduled:schedule': 'scheduled',
    'scheduled:unpublish': 'unpublished',
    'published:save': 'published',
    'published:unpublish': 'unpublished',
    'unpublished:save': 'unpublished',
    'unpublished:publish': 'published',
    'unpublished:schedule': 'scheduled',
  };
  for (const state of STATES) {
    for (const action of WORKFLOW_ACTIONS) {
      const key = `${state}:${action}`;
      const expected = EDITOR_MOVES[key];
      it(`${expected ? `moves an editor's ${state ?? 'new'} article to ${expected}` : `refuses ${action} on a ${state ?? 'new'} article`} (${action})`, () => {
        const d = decide('editor', action, { status: state, ownedByActor: false });
        expect(d.ok ? d.status : 'refused').toBe(expected ?? 'refused');
      });
    }
  }

  it('lets a contributor save and submit their own draft', () => {
    expect(decide('contributor', 'save', { status: 'draft', ownedByActor: true })).toEqual({
      ok: true,
      status: 'draft',
    });
    expect(decide('contributor', 'submit', { status: 'draft', ownedByActor: true })).toEqual({
      ok: true,
      status: 'in_review',
    });
  });

  it.each(['publish', 'schedule', 'unpublish', 'send-back'] as WorkflowAction[])(
    'never lets a contributor %s',
    (action) => {
      for (const status of STATES) {
        expect(decide('contributor', action, { status, ownedByActor: true }).ok).toBe(false);
      }
    },
  );

  it("does not let a contributor edit someone else's draft, or their own once submitted", () => {
    expect(decide('contributor', 'save', { status: 'draft', ownedByActor: false })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(decide('contributor', 'save', { status: 'in_review', ownedByActor: true })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
  });
});

describe('describeChange', () => {
  it('names what each save did from the states before and after it', () => {
    expect(describeChange(null, 'draft')).toBe('started');
    expect(describeChange(null, 'published')).toBe('published');
    expect(describeChange('draft', 'draft')).toBe('edited');
    expect(describeChange('draft', 'in_review')).toBe('submitted for review');
    expect(describeChange('in_review', 'draft')).toBe('sent back');
    expect(describeChange('in_review', 'scheduled')).toBe('scheduled');
    expect(describeChange('scheduled', 'published')).toBe('published');
    expect(describeChange('published', 'unpublished')).toBe('unpublished');
    expect(describeChange('unpublished', 'draft')).toBe('moved back to draft');
    expect(describeChange('published', 'published')).toBe('edited');
  });
});

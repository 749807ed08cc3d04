import { revisionAuthor } from '../domain/workflow.js';
import type { ArticleStatus } from '../domain/article.js';
import { correctionKindOf, type CorrectionKind } from '../domain/correction.js';
import { parseRevisionSnapshot } from '../domain/revision-snapshot.js';
import { describeChange } from '../domain/workflow.js';
import type { Db } from '../storage/database.js';
import {
  recentCorrectionRows,
  recentRevisionRows,
  revisionSnapshotRows,
} from '../storage/repositories/article.repository.js';

/** One line of the newsroom's activity: who did what to which article, and when. */
export interface ActivityEntry {
  at: Date;
  by: string | null;
  articleId: number;
  headline: string;
  /** "published", "sent back", "added a correction"… */
  did: string;
}

const ADDED: Record<CorrectionKind, string> = {
  correction: 'added a correction',
  clarification: 'added a clarification',
  'editors-note': "added an editor's note",
};

interface SavedState {
  status: ArticleStatus;
  publishedAt: number | null;
}

/** The state a save left the article in; null when its snapshot can no longer be read. */
const stateOf = (snapshot: string): SavedState | null => {
  const read = parseRevisionSnapshot(snapshot);
  return read.ok ? { status: read.input.status, publishedAt: read.input.publishedAt?.getTime() ?? null } : null;
};

/**
 * The state a save started from. The scheduler makes a scheduled article live without a save, so a save that
 * finds it published with the very time it was scheduled for started from "published": an edit, not the
 * publishing (an editor's "Publish now" on a scheduled article sets a new time).
 */
const startedFrom = (before: SavedState | null | undefined, after: SavedState): ArticleStatus | null => {
  if (!before) return null;
  const wentLiveOnSchedule =
    before.status === 'scheduled' && after.status === 'published' && before.publishedAt === after.publishedAt;
  return wentLiveOnSchedule ? 'published' : before.status;
};

/** What a save did; a save whose own snapshot is unreadable is only known to be a save. */
const describeSave = (before: SavedState | null | undefined, after: SavedState | null): string =>
  after === null ? 'saved' : describeChange(startedFrom(before, after), after.status);

/**
 * The newest saves and corrections across the newsroom, newest first. Each save is named by the state it
 * moved the article from and to, read from the revision before it. A scheduled article going live has a revision of
 * the schedule's own (scheduler.ts), listed as published by "The schedule"; the "scheduled" entry names who set
 * the time.
 */
export const recentActivity = async (db: Db, limit = 100): Promise<ActivityEntry[]> => {
  const [saves, corrections] = await Promise.all([recentRevisionRows(db, limit), recentCorrectionRows(db, limit)]);
  const earlier = await revisionSnapshotRows(
    db,
    saves.flatMap((s) => (s.previous_revision === null ? [] : [[s.article_id, Number(s.previous_revision)] as const])),
  );
  const before = new Map(earlier.map((r) => [`${r.article_id}:${r.revision}`, stateOf(r.snapshot)]));
  const entries: ActivityEntry[] = [
    ...saves.map((s) => ({
      at: new Date(s.saved_at),
      // An integration's save (the Admin API) is named by its API key, so no one mistakes it for a person's.
      by: revisionAuthor(s) ?? (s.saved_by_key_name === null ? null : `${s.saved_by_key_name} (integration)`),
      articleId: s.article_id,
      headline: s.headline,
      // The schedule's own revision is the going live itself, whatever the copy before it says.
      did:
        s.by_schedule === 1
          ? 'published'
          : describeSave(before.get(`${s.article_id}:${s.previous_revision}`), stateOf(s.snapshot)),
    })),
    ...corrections.map((c) => ({
      at: new Date(c.created_at),
      by: c.by,
      articleId: c.article_id,
      headline: c.headline,
      did: ADDED[correctionKindOf(c.kind)],
    })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
};

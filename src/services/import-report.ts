/**
 * What an import did (WordPress, record 0024; Ghost, record 0027): created / updated / unchanged / skipped per kind,
 * every skipped or changed item named with why, comments counted (Dateline has none), custom fields no plugin
 * declares listed. Said as lines for a person, or as JSON with --json.
 */
export const REPORT_KINDS = ['article', 'page', 'section', 'author', 'tag', 'image', 'redirect'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface ReportEntry {
  kind: string;
  /** The item as a person finds it in the source: its title, with its id (and line) for posts. */
  item: string;
  why: string;
}

export interface ImportReportJson {
  /** The kind of export: "WordPress", "Ghost". */
  source: string;
  file: string;
  site: string;
  dryRun: boolean;
  counts: Record<ReportKind, Record<Outcome, number>>;
  skipped: ReportEntry[];
  downgraded: ReportEntry[];
  comments: number;
  unknownCustomFields: { name: string; posts: number }[];
  notes: { note: string; posts: number }[];
  seconds: number;
}

export interface ImportReport {
  count(kind: ReportKind, outcome: Outcome, n?: number): void;
  skip(kind: string, item: string, why: string): void;
  downgrade(kind: string, item: string, why: string): void;
  unknownField(name: string): void;
  note(note: string): void;
  setComments(n: number): void;
  /** Articles and pages seen so far (progress). */
  readonly handled: number;
  toJson(seconds: number): ImportReportJson;
}

export function createImportReport(source: string, file: string, site: string, dryRun: boolean): ImportReport {
  const counts = Object.fromEntries(
    REPORT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0, skipped: 0 }]),
  ) as Record<ReportKind, Record<Outcome, number>>;
  const skipped: ReportEntry[] = [];
  const downgraded: ReportEntry[] = [];
  const fields = new Map<string, number>();
  const notes = new Map<string, number>();
  let comments = 0;
  let handled = 0;
  return {
    count(kind, outcome, n = 1) {
      counts[kind][outcome] += n;
      if (kind === 'article' || kind === 'page') handled += n;
    },
    skip(kind, item, why) {
      skipped.push({ kind, item, why });
      if ((REPORT_KINDS as readonly string[]).includes(kind)) counts[kind as ReportKind].skipped++;
      if (kind === 'article' || kind === 'page') handled++;
    },
    downgrade(kind, item, why) {
      downgraded.push({ kind, item, why });
    },
    unknownField(name) {
      fields.set(name, (fields.get(name) ?? 0) + 1);
    },
    note(note) {
      notes.set(note, (notes.get(note) ?? 0) + 1);
    },
    setComments(n) {
      comments = n;
    },
    get handled() {
      return handled;
    },
    toJson: (seconds) => ({
      source,
      file,
      site,
      dryRun,
      counts,
      skipped,
      downgraded,
      comments,
      unknownCustomFields: [...fields].map(([name, posts]) => ({ name, posts })),
      notes: [...notes].map(([note, posts]) => ({ note, posts })),
      seconds,
    }),
  };
}

/** The report as lines for a terminal. */
export function reportLines(r: ImportReportJson): string[] {
  const lines = [
    `${r.dryRun ? 'Dry run (nothing was written): ' : ''}${r.source} export ${r.file} from ${r.site || 'an unnamed site'}, in ${r.seconds.toFixed(1)} s.`,
  ];
  for (const kind of REPORT_KINDS) {
    const c = r.counts[kind];
    if (c.created + c.updated + c.unchanged + c.skipped === 0) continue;
    lines.push(
      `  ${`${kind}s:`.padEnd(11)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`,
    );
  }
  if (r.comments > 0) lines.push(`  comments:   ${r.comments} not imported (Dateline has no comments)`);
  if (r.skipped.length > 0) {
    lines.push(`Skipped (${r.skipped.length}):`);
    for (const s of r.skipped) lines.push(`  ${s.kind} ${s.item}: ${s.why}`);
  }
  if (r.downgraded.length > 0) {
    lines.push(`Changed on the way in (${r.downgraded.length}):`);
    for (const d of r.downgraded) lines.push(`  ${d.kind} ${d.item}: ${d.why}`);
  }
  if (r.unknownCustomFields.length > 0) {
    lines.push('Custom fields no plugin declares (not imported):');
    for (const f of r.unknownCustomFields) lines.push(`  ${f.name} (${f.posts} ${f.posts === 1 ? 'post' : 'posts'})`);
  }
  if (r.notes.length > 0) {
    lines.push('What the conversion changed:');
    for (const n of r.notes) lines.push(`  ${n.note} (${n.posts} ${n.posts === 1 ? 'post' : 'posts'})`);
  }
  return lines;
}

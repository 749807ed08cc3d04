import type { CompiledQuery } from 'kysely';
import { FILTER_FIELDS, type FilterField, type PostFilter } from '../../domain/content-filter.js';
import type { Db } from '../database.js';

/**
 * Statements of the Content API compiled once per filter shape (issue 16): Kysely building and compiling a page's
 * two statements cost about 125 µs of the ~800 µs a new posts browse took, and front ends send the same few
 * filters with other values (`id:-{this post}` on every article page, `tag:{section}`). A filter's shape is its
 * structure and operators with the values that are only data taken out; the statement is built once per shape with
 * stand-ins for those values, and each run puts the request's values where the stand-ins were compiled.
 */

/**
 * Fields whose values change only the data a statement runs with (slugs, ids, dates): every field a filter of posts
 * takes but the two whose value decides the condition's form (`featured` true or false, `visibility` public or not).
 */
const DATA_FIELDS: ReadonlySet<FilterField> = new Set(
  FILTER_FIELDS.filter((field) => field !== 'featured' && field !== 'visibility'),
);

/** An id a filter can name (content-filter.repository.ts reads anything else as matching nothing): part of the shape. */
const ID_TEXT = /^\d{1,9}$/;
const DATE_FIELDS: ReadonlySet<FilterField> = new Set(['published_at', 'updated_at']);

type Value = string | number | boolean;

/** Whether the value is data (replaced by a stand-in) or decides the statement's form (kept in the shape). */
const isData = (field: FilterField, value: Value): boolean =>
  DATA_FIELDS.has(field) && (field !== 'id' || ID_TEXT.test(String(value)));

/**
 * Stand-ins no real value equals, each read as its field's values are (content-filter.repository.ts): a nine-digit id
 * beyond any article's, a date thousands of years on, and for slugs a text starting with NUL; `run` is the
 * stand-in or a real value as the statement takes it.
 */
const ID_BASE = 999_990_000;
const DATE_BASE = 8_000_000_000_000_000;
const standIns = {
  value: (field: FilterField, k: number): Value =>
    field === 'id' ? String(ID_BASE + k) : DATE_FIELDS.has(field) ? DATE_BASE + k : `\u0000${k}`,
  run: (field: FilterField, v: Value): unknown => (field === 'id' || DATE_FIELDS.has(field) ? Number(v) : String(v)),
};

interface DataValue {
  field: FilterField;
  value: Value;
}

/** The filter with each data value replaced by its stand-in, and the data values in order of appearance. */
const withStandIns = (filter: PostFilter, data: DataValue[] = []): { filter: PostFilter; data: DataValue[] } => {
  if (filter.kind !== 'match') {
    const of = filter.of.map((f) => withStandIns(f, data).filter);
    return { filter: { kind: filter.kind, of }, data };
  }
  const { field } = filter;
  const values = filter.values.map((value) => {
    if (!isData(field, value)) return value;
    data.push({ field, value });
    return standIns.value(field, data.length - 1);
  });
  return { filter: { ...filter, values }, data };
};

interface Compiled {
  compiled: CompiledQuery;
  /** For each parameter: what it is at a run (the k-th data value, a run value, or the compiled constant). */
  sources: ({ data: number } | { run: number } | { constant: unknown })[];
}

/** Shapes kept per database handle and statement; a shape is a few hundred bytes of text. */
const MAX_SHAPES = 500;
const kept = new WeakMap<Db, Map<string, Compiled | null>>();

/**
 * Runs the statement `build` makes for `filter`, compiled once per (name, shape). `build` gets the filter (of
 * stand-ins when compiling for the shape) and `value`, through which alone it reads this run's other values (the
 * clock, limits): `runValues` maps each stand-in it passes `value` (negative numbers no real value equals) to this
 * run's value. A statement that does not hold every stand-in as a parameter of its own (a value changed on the way
 * in) is not kept: it is built with the real values each time.
 */
export const runByShape = async <R>(
  db: Db,
  name: string,
  filter: PostFilter | null,
  runValues: ReadonlyMap<number, number>,
  build: (filter: PostFilter | null, value: (standIn: number) => number) => { compile(): CompiledQuery<R> },
): Promise<R[]> => {
  const { filter: shaped, data } = filter ? withStandIns(filter) : { filter: null, data: [] as DataValue[] };
  const shape = `${name} ${JSON.stringify(shaped)}`;
  let shapes = kept.get(db);
  if (!shapes) kept.set(db, (shapes = new Map()));
  let entry = shapes.get(shape);
  if (entry === undefined) {
    entry = compileShape(shaped, data, runValues, build);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(shape, entry);
  }
  if (entry === null) return (await db.executeQuery<R>(build(filter, (k) => runValues.get(k)!).compile())).rows;
  const parameters = entry.sources.map((s) => {
    if ('data' in s) {
      const d = data[s.data]!;
      return standIns.run(d.field, d.value);
    }
    return 'run' in s ? runValues.get(s.run) : s.constant;
  });
  return (await db.executeQuery<R>({ ...entry.compiled, parameters })).rows;
};

/** The shape's statement and where each parameter comes from; null when a stand-in is not a parameter as it is. */
const compileShape = <R>(
  shaped: PostFilter | null,
  data: DataValue[],
  runValues: ReadonlyMap<number, number>,
  build: (filter: PostFilter | null, value: (standIn: number) => number) => { compile(): CompiledQuery<R> },
): Compiled | null => {
  const compiled = build(shaped, (k) => k).compile() as CompiledQuery;
  const byStandIn = new Map<unknown, { data: number }>();
  data.forEach((d, k) => byStandIn.set(standIns.run(d.field, standIns.value(d.field, k)), { data: k }));
  const seen = new Set<unknown>();
  const sources = compiled.parameters.map((p): Compiled['sources'][number] => {
    const found = byStandIn.get(p);
    if (found) {
      seen.add(p);
      return found;
    }
    if (typeof p === 'number' && runValues.has(p)) {
      seen.add(p);
      return { run: p };
    }
    return { constant: p };
  });
  return seen.size === byStandIn.size + runValues.size ? { compiled, sources } : null;
};

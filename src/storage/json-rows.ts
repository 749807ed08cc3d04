import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import type { Db } from './database.js';

/** A select statement naming its columns, as SQLite's helper takes one (PostgreSQL's takes any expression). */
type Subquery = Parameters<typeof sqliteJsonArray<object>>[0];

/**
 * A subquery's rows as one JSON array column of the statement around it (PostgreSQL's json_agg, SQLite's
 * json_group_array of json_object): an article's bylines, tags and corrections come back with the article in one
 * statement, where separate statements cost one round trip each on PostgreSQL (record 0029). The subquery must
 * name its columns (SQLite's json_object needs each key). The order of the rows inside the array is not promised
 * by either database: callers select what they sort by.
 */
export const jsonRows = (db: Db, query: Subquery): RawBuilder<unknown> =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<unknown>`${postgresJsonArray(query)}`
    : sql<unknown>`${sqliteJsonArray(query)}`;

/** How one field of a JSON row is checked. */
type FieldKind = 'number' | 'string' | 'number|null' | 'string|null';
type Field<K extends FieldKind> = K extends 'number'
  ? number
  : K extends 'string'
    ? string
    : K extends 'number|null'
      ? number | null
      : string | null;
export type RowShape = Record<string, FieldKind>;
export type ShapedRow<S extends RowShape> = { [K in keyof S]: Field<S[K]> };

const fits = (value: unknown, kind: FieldKind): boolean => {
  if (value === null) return kind.endsWith('|null');
  return kind.startsWith('number') ? typeof value === 'number' : typeof value === 'string';
};

/**
 * A jsonRows column read back as rows of `shape` (PostgreSQL's driver parses json itself, SQLite answers text),
 * each with exactly the shape's fields. Anything else is a statement that does not say what this code expects:
 * thrown, never passed on half-read.
 */
export const readJsonRows = <S extends RowShape>(value: unknown, shape: S): ShapedRow<S>[] => {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) throw new Error('readJsonRows: not a JSON array');
  const names = Object.keys(shape);
  return list.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new Error('readJsonRows: an item is not an object');
    const source = item as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const name of names) {
      const value = source[name];
      if (!fits(value, shape[name]!)) throw new Error(`readJsonRows: ${name} is not ${shape[name]}`);
      row[name] = value;
    }
    return row as ShapedRow<S>;
  });
};

import type { Db } from '../database.js';

/** Setup codes live in the setting table, one row each, so that no migration is needed for them. */
const PREFIX = 'setup-code:';

/** Every stored setup code row: its key and its JSON value. The prefix holds no LIKE wildcard. */
export const listSetupCodeRows = (db: Db) =>
  db.selectFrom('setting').select(['key', 'value']).where('key', 'like', `${PREFIX}%`).execute();

export const insertSetupCodeRow = (db: Db, id: string, value: unknown) =>
  db
    .insertInto('setting')
    .values({ key: `${PREFIX}${id}`, value: JSON.stringify(value) })
    .execute();

export const deleteSetupCodeRows = (db: Db, keys?: string[]) => {
  let query = db.deleteFrom('setting').where('key', 'like', `${PREFIX}%`);
  if (keys !== undefined) query = query.where('key', 'in', keys.length > 0 ? keys : ['']);
  return query.execute();
};

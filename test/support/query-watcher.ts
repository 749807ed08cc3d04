import type { KyselyPlugin, LogEvent, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId } from 'kysely';

/**
 * Watches the statements the app sends: how many (Kysely's log, which sees every statement the driver runs), and
 * in how many rounds. A round begins when a query starts while none is running, so queries sent together
 * (Promise.all) are one round and a query that waits for another's answer starts a new one. Rounds are read from
 * a plugin's calls: a query built as a subquery of another (a byline list inside the article's statement) is
 * transformed too but never answers on its own, so only queries that answered count, once each. A statement
 * compiled once and run again and again (the kept article page's read) is seen by the plugin only when compiled:
 * its later runs are counted and listed, but start no round.
 *
 * Give `log` to the test database (backends.ts `open({ log })`) and `plugin` to the app's handle (`withPlugin`).
 */
export const queryWatcher = () => {
  const events: { id: QueryId; answered: boolean }[] = [];
  const sql: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs) {
      events.push({ id: args.queryId, answered: false });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      events.push({ id: args.queryId, answered: true });
      return args.result;
    },
  };
  const rounds = (): number => {
    const answered = new Set(events.filter((e) => e.answered).map((e) => e.id));
    const open = new Set<QueryId>();
    let count = 0;
    for (const { id, answered: done } of events) {
      if (!answered.has(id)) continue;
      if (!done) {
        if (open.size === 0) count++;
        open.add(id);
      } else open.delete(id);
    }
    return count;
  };
  return {
    plugin,
    log: (event: LogEvent) => {
      if (event.level === 'query') sql.push(event.query.sql);
    },
    seen: {
      get queries() {
        return sql.length;
      },
      /** The statements' text, in the order they finished. */
      get sql(): readonly string[] {
        return sql;
      },
      get rounds() {
        return rounds();
      },
    },
    reset() {
      events.length = 0;
      sql.length = 0;
    },
  };
};

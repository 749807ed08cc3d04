import { integrityProblems } from './integrity.js';
import { openFuzzWorld, type FuzzWorld } from './fuzz-world.js';
import { Rng } from './prng.js';
import { nextRequest, type FuzzRequest } from './requests.js';
import { labelOf } from './route-table.js';

/** A response that must not happen, with what is needed to see it again. */
export interface Failure {
  index: number;
  what: string;
  request: string;
  excerpt: string;
  /** The request itself, whole, to replay it. */
  sent?: FuzzRequest;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  seconds: number;
  byStatusClass: Record<string, number>;
  byRoute: Map<string, Record<string, number>>;
  byKind: Record<string, number>;
  serverErrors: Failure[];
  stackTraces: Failure[];
  /** Errors nobody handled (they end a serving process) and requests never answered. */
  crashes: Failure[];
  partialWrites: string[];
  /** Requests the HTTP layer itself refused to build (not sent, so not counted as answers). */
  unsendable: number;
  signedBackIn: number;
  integrityChecks: number;
  slowest: { ms: number; request: string }[];
}

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Requests sent at once (1: one after another, and the run repeats exactly from its seed). */
  concurrency?: number;
  /** Integrity is checked every this many requests (and whenever a person must be signed back in, and at the end). */
  checkEvery?: number;
  /** Called now and then with how far the run is. */
  progress?: (done: number, report: FuzzReport) => void;
}

// A V8 or Node stack frame: "at fn (/path/file.ts:12:3)" or "at /path/file.js:1:2". Our pages never print one.
const STACK_FRAME = /\bat (?:[^\s()]+ \()?(?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^\s()]*\.(?:[cm]?[jt]sx?):\d+(?::\d+)?\)?/;

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** What is wrong with one answer: a status >= 500, or a stack frame the request did not itself contain. */
export const judgeAnswer = (
  req: Pick<FuzzRequest, 'url' | 'payload'>,
  res: { statusCode: number; body: string },
): { serverError?: string; stackTrace?: string } => {
  const frame = STACK_FRAME.exec(res.body)?.[0];
  const sent = `${req.url} ${String(req.payload ?? '')}`;
  const echoed = frame !== undefined && (sent.includes(frame) || decoded(sent).includes(frame));
  return {
    ...(res.statusCode >= 500 ? { serverError: `status ${res.statusCode}` } : {}),
    ...(frame && !echoed ? { stackTrace: `stack trace in the body: ${frame}` } : {}),
  };
};

export const describe = (r: FuzzRequest): string => {
  const body = r.payload === undefined ? '' : ` body=${JSON.stringify(String(r.payload).slice(0, 160))}`;
  return `${r.method} ${r.url.slice(0, 300)} as ${r.identity} ct=${r.headers['content-type'] ?? '-'}${body}`;
};

const count = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

/** Errors of the request builder (light-my-request), not of the app: the request never reached a route. */
const unsendable = (error: unknown): boolean =>
  error instanceof Error &&
  (/Invalid (URL|character|header)/i.test(error.message) ||
    ['ERR_INVALID_CHAR', 'ERR_INVALID_URL'].includes(String((error as { code?: string }).code)));

/** How long a request may take before it counts as never answered (the slowest real ones take well under 1 s). */
const ANSWER_MS = 10_000;

const answerWithin = async <T>(pending: Promise<T>): Promise<T | null> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ANSWER_MS);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
};

const emptyReport = (seed: number): FuzzReport => ({
  seed,
  requests: 0,
  seconds: 0,
  byStatusClass: {},
  byRoute: new Map(),
  byKind: {},
  serverErrors: [],
  stackTraces: [],
  crashes: [],
  partialWrites: [],
  unsendable: 0,
  signedBackIn: 0,
  integrityChecks: 0,
  slowest: [],
});

interface Sent {
  index: number;
  req: FuzzRequest;
}

/** The next few requests, sent together; now and then a form is sent twice or more at once, as a double click does. */
const nextBatch = (rng: Rng, world: FuzzWorld, first: number, size: number): Sent[] => {
  const batch: Sent[] = [];
  while (batch.length < size) {
    const req = nextRequest(rng, world);
    batch.push({ index: first + batch.length, req });
    while (batch.length < size && req.method === 'POST' && rng.chance(0.3)) {
      batch.push({ index: first + batch.length, req });
    }
  }
  return batch;
};

/**
 * Sends `requests` random requests (generated from `seed`; with concurrency 1 the run repeats exactly) to a
 * fresh app and checks each answer and, now and then, the whole database. Never throws for what it finds: the
 * report lists it.
 */
export const runFuzz = async (opts: FuzzOptions, given?: FuzzWorld): Promise<FuzzReport> => {
  const world = given ?? (await openFuzzWorld());
  const rng = new Rng(opts.seed);
  const checkEvery = opts.checkEvery ?? 250;
  const concurrency = opts.concurrency ?? 1;
  const report = emptyReport(opts.seed);
  const check = async (when: string) => {
    report.integrityChecks++;
    for (const p of await integrityProblems(world.db)) {
      if (!report.partialWrites.some((known) => known.endsWith(p))) report.partialWrites.push(`${when}: ${p}`);
    }
  };
  let inFlight: Sent[] = [];
  // Without a listener this error would end the process, as it ends a serving worker: record it and go on.
  const onCrash = (error: Error) => {
    const request = inFlight.map((s) => `#${s.index} ${describe(s.req)}`).join('\n    ') || '-';
    report.crashes.push({
      index: inFlight[0]?.index ?? -1,
      what: `uncaught: ${error.message}`,
      request,
      excerpt: String(error.stack).slice(0, 400),
    });
  };

  const send = async ({ index, req }: Sent): Promise<void> => {
    const t0 = performance.now();
    let res;
    try {
      res = await answerWithin(
        world.app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers: req.headers,
          remoteAddress: req.remoteAddress,
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        }),
      );
    } catch (error) {
      if (!unsendable(error)) throw error;
      report.unsendable++;
      return;
    }
    if (res === null) {
      report.crashes.push({
        index,
        what: `no answer within ${ANSWER_MS} ms`,
        request: describe(req),
        excerpt: '',
        sent: req,
      });
      return;
    }
    const ms = performance.now() - t0;
    report.requests++;
    const klass = `${Math.floor(res.statusCode / 100)}xx`;
    count(report.byStatusClass, klass);
    count(report.byKind, req.kind);
    const route = labelOf(world.routes, req.method, req.url);
    report.byRoute.set(route, report.byRoute.get(route) ?? {});
    count(report.byRoute.get(route)!, klass);
    report.slowest.push({ ms, request: `${req.method} ${req.url.slice(0, 120)} -> ${res.statusCode}` });
    if (report.slowest.length > 20) report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
    const failure = (what: string): Failure => ({
      index,
      what,
      request: describe(req),
      excerpt: res.body.slice(0, 400),
      sent: req,
    });
    const judged = judgeAnswer(req, res);
    if (judged.serverError) report.serverErrors.push(failure(judged.serverError));
    if (judged.stackTrace) report.stackTraces.push(failure(judged.stackTrace));
  };

  const started = performance.now();
  process.on('uncaughtException', onCrash);
  try {
    for (let i = 0; i < opts.requests;) {
      inFlight = nextBatch(rng, world, i, Math.min(concurrency, opts.requests - i));
      await Promise.all(inFlight.map(send));
      const last = i + inFlight.length - 1;
      if (inFlight.some((s) => s.req.method !== 'GET' && s.req.method !== 'HEAD')) {
        await world.refreshPools();
        // Someone was signed out, demoted or disabled: check the database as the run left it, then sign them back.
        const stale = await world.staleIdentities();
        if (stale.length) {
          await check(`after request ${last}`);
          await world.signBackIn(stale);
          report.signedBackIn += stale.length;
        }
      }
      if (Math.floor((last + 1) / checkEvery) > Math.floor(i / checkEvery)) {
        await check(`after request ${last}`);
        await world.worker.views.tracker.flush();
        opts.progress?.(last + 1, report);
      }
      i = last + 1;
    }
    inFlight = [];
    await world.worker.views.tracker.flush();
    await check('at the end');
  } finally {
    process.off('uncaughtException', onCrash);
    report.seconds = (performance.now() - started) / 1000;
    report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
    if (!given) await world.close();
  }
  return report;
};

/** True when the run found nothing wrong. */
export const clean = (r: FuzzReport): boolean =>
  r.serverErrors.length === 0 && r.stackTraces.length === 0 && r.crashes.length === 0 && r.partialWrites.length === 0;

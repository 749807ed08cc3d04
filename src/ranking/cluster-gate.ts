import cluster from 'node:cluster';
import { createMemoryViewGate } from './memory-view-gate.js';
import type { ViewCandidate } from './view-candidate.js';
import { createMemorySaltSource } from './visitor-key.js';

/**
 * With several worker processes on one machine and the SQLite backend, the dedupe, the cap and the daily
 * salt must be one, or a reader whose beacons land on two workers would count twice. The primary process
 * keeps them (in memory, as in the single-process case) and workers ask it over the cluster IPC channel once
 * per flush.
 */
export interface GateAndSalts {
  admit(candidates: ViewCandidate[], nowSecond: number): Promise<ViewCandidate[]>;
  saltFor(day: number): Promise<Buffer>;
  forgetBefore(day: number): void;
}

type Question =
  { type: 'dateline:admit'; candidates: ViewCandidate[]; nowSecond: number } | { type: 'dateline:salt'; day: number };
type Request = Question & { id: number };
type Response = { type: 'dateline:reply'; id: number; candidates?: ViewCandidate[]; salt?: string };

// The IPC channel carries whatever any code in these processes sends: messages are checked, not trusted.
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
/** The visitor hashes are 48-bit (visitor-key.ts); the gate's tables hold nothing wider. */
const isKey = (value: unknown): value is number => isInteger(value) && value >= 0 && value < 2 ** 48;
const isCandidate = (value: unknown): value is ViewCandidate =>
  isObject(value) &&
  isInteger(value.articleId) &&
  isInteger(value.second) &&
  isKey(value.visitorKey) &&
  isKey(value.pairKey) &&
  isKey(value.addressKey) &&
  isKey(value.addressArticleKey);

/** A worker's request, or null for any other message. */
const requestOf = (message: unknown): Request | null => {
  if (!isObject(message) || !isInteger(message.id)) return null;
  const { type, id } = message;
  if (type === 'dateline:admit') {
    const { candidates, nowSecond } = message;
    if (!Array.isArray(candidates) || !candidates.every(isCandidate) || !isInteger(nowSecond)) return null;
    return { type, id, candidates, nowSecond };
  }
  if (type === 'dateline:salt' && isInteger(message.day)) return { type, id, day: message.day };
  return null;
};

/** The primary's reply, or null for any other message. */
const responseOf = (message: unknown): Response | null => {
  if (!isObject(message) || message.type !== 'dateline:reply' || !isInteger(message.id)) return null;
  const { candidates, salt } = message;
  const reply: Response = { type: 'dateline:reply', id: message.id };
  if (Array.isArray(candidates) && candidates.every(isCandidate)) reply.candidates = candidates;
  if (typeof salt === 'string') reply.salt = salt;
  return reply;
};

/** In the primary: answers the workers' requests. */
export const serveClusterGate = (): void => {
  const gate = createMemoryViewGate();
  const salts = createMemorySaltSource();
  cluster.on('message', (worker, received: unknown) => {
    const message = requestOf(received);
    if (message?.type === 'dateline:admit') {
      const reply: Response = {
        type: 'dateline:reply',
        id: message.id,
        candidates: gate.admit(message.candidates, message.nowSecond),
      };
      worker.send(reply);
    } else if (message?.type === 'dateline:salt') {
      salts.forgetBefore(message.day - 1);
      void salts.saltFor(message.day).then((salt) => {
        const reply: Response = { type: 'dateline:reply', id: message.id, salt: salt.toString('base64') };
        worker.send(reply);
      });
    }
  });
};

/** The worker's end of the IPC channel to the primary: `process` in a cluster worker. */
export interface PrimaryChannel {
  send(message: unknown, done: (error: Error | null) => void): void;
  onMessage(listener: (message: unknown) => void): void;
}

const processChannel: PrimaryChannel = {
  send: (message, done) => process.send!(message, undefined, {}, done),
  onMessage: (listener) => process.on('message', listener),
};

/**
 * How long a worker waits for the primary's answer. It answers from memory in well under a millisecond; a primary
 * that has not answered in 5 s is stuck, and waiting longer would only hold the worker's flush forever.
 */
export const ASK_TIMEOUT_MS = 5000;

export interface ClusterGateClient extends GateAndSalts {
  /** Questions waiting for an answer. */
  readonly pending: number;
}

/**
 * In a worker: the same operations, asked of the primary. A question the primary does not answer in time fails:
 * the tracker then keeps its batch for the next flush, and beacons are answered as usual. If the answer was only
 * late, the primary has already counted those views and the retry finds them seen: a slow primary loses views,
 * never counts them twice.
 */
export const createClusterGateClient = (
  opts: { channel?: PrimaryChannel; timeoutMs?: number } = {},
): ClusterGateClient => {
  const { channel = processChannel, timeoutMs = ASK_TIMEOUT_MS } = opts;
  let nextId = 0;
  const waiting = new Map<number, (r: Response) => void>();
  const cachedSalts = new Map<number, Buffer>();
  channel.onMessage((received: unknown) => {
    const message = responseOf(received);
    // An answer after its question timed out finds nobody waiting and is dropped.
    if (message) waiting.get(message.id)?.(message);
  });
  const ask = (question: Question): Promise<Response> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const settle = () => {
        clearTimeout(timer);
        waiting.delete(id);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`The cluster's primary process did not answer ${question.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, (response) => {
        settle();
        resolve(response);
      });
      const request: Request = { ...question, id };
      channel.send(request, (error) => {
        if (!error) return;
        settle();
        reject(error);
      });
    });
  return {
    admit: async (candidates, nowSecond) =>
      (await ask({ type: 'dateline:admit', candidates, nowSecond })).candidates ?? [],
    async saltFor(day) {
      const known = cachedSalts.get(day);
      if (known) return known;
      const salt = Buffer.from((await ask({ type: 'dateline:salt', day })).salt ?? '', 'base64');
      // Keys made with an empty salt could be recomputed by anyone: no salt, no keys.
      if (salt.length !== 32) throw new Error("The cluster's primary process sent no usable salt");
      cachedSalts.set(day, salt);
      return salt;
    },
    forgetBefore(day) {
      for (const d of cachedSalts.keys()) if (d < day) cachedSalts.delete(d);
    },
    get pending() {
      return waiting.size;
    },
  };
};

/** In a single process: everything local. */
export const createLocalGate = (): GateAndSalts => {
  const gate = createMemoryViewGate();
  const salts = createMemorySaltSource();
  return {
    admit: async (c, now) => gate.admit(c, now),
    saltFor: (d) => salts.saltFor(d),
    forgetBefore: (d) => salts.forgetBefore(d),
  };
};

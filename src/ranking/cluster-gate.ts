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

type Request =
  | { type: 'dateline:admit'; id: number; candidates: ViewCandidate[]; nowSecond: number }
  | { type: 'dateline:salt'; id: number; day: number };
type Response = { type: 'dateline:reply'; id: number; candidates?: ViewCandidate[]; salt?: string };

/** In the primary: answers the workers' requests. */
export const serveClusterGate = (): void => {
  const gate = createMemoryViewGate();
  const salts = createMemorySaltSource();
  cluster.on('message', (worker, message: Request) => {
    if (message?.type === 'dateline:admit') {
      const reply: Response = { type: 'dateline:reply', id: message.id, candidates: gate.admit(message.candidates, message.nowSecond) };
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

/** In a worker: the same operations, asked of the primary. */
export const createClusterGateClient = (): GateAndSalts => {
  let nextId = 0;
  const waiting = new Map<number, (r: Response) => void>();
  const cachedSalts = new Map<number, Buffer>();
  process.on('message', (message: Response) => {
    if (message?.type !== 'dateline:reply') return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const ask = (request: Omit<Request, 'id'>): Promise<Response> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      process.send!({ ...request, id }, undefined, {}, (error) => {
        if (error) {
          waiting.delete(id);
          reject(error);
        }
      });
    });
  return {
    admit: async (candidates, nowSecond) =>
      (await ask({ type: 'dateline:admit', candidates, nowSecond } as Omit<Request, 'id'>)).candidates ?? [],
    async saltFor(day) {
      const known = cachedSalts.get(day);
      if (known) return known;
      const salt = Buffer.from((await ask({ type: 'dateline:salt', day } as Omit<Request, 'id'>)).salt ?? '', 'base64');
      cachedSalts.set(day, salt);
      return salt;
    },
    forgetBefore(day) {
      for (const d of cachedSalts.keys()) if (d < day) cachedSalts.delete(d);
    },
  };
};

/** In a single process: everything local. */
export const createLocalGate = (): GateAndSalts => {
  const gate = createMemoryViewGate();
  const salts = createMemorySaltSource();
  return { admit: async (c, now) => gate.admit(c, now), saltFor: (d) => salts.saltFor(d), forgetBefore: (d) => salts.forgetBefore(d) };
};

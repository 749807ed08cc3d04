import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { GateTestOutcome } from '../../test/support/cluster-gate-child.js';
import { createClusterGateClient, type PrimaryChannel } from './cluster-gate.js';
import { ADDRESS_ARTICLE_HOURLY_CAP } from './view-candidate.js';

/** Forks test/support/cluster-gate-child.ts and returns its outcome, with every question it asked this process. */
const runChild = (env: Record<string, string>): Promise<{ outcome: GateTestOutcome; questions: unknown[] }> =>
  new Promise((resolve, reject) => {
    const questions: unknown[] = [];
    const child = fork('test/support/cluster-gate-child.ts', {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
    });
    // The child never outlives its test, whatever happens to the test.
    const stuck = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the child gave no outcome within 20 s'));
    }, 20_000);
    child.on('message', (message: { type?: string }) => {
      if (message.type !== 'gate-test:outcome') return void questions.push(message);
      clearTimeout(stuck);
      resolve({ outcome: message as GateTestOutcome, questions });
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(stuck);
      reject(new Error(`the child exited (${code}) without an outcome`));
    });
  });

/** A channel to a fake primary that answers with `answer`, or never when it returns undefined. */
const fakePrimary = (answer: (question: { id: number; type: string }) => unknown) => {
  let listener: (m: unknown) => void = () => {};
  const channel: PrimaryChannel & { deliver(message: unknown): void } = {
    send(message, done) {
      done(null);
      const reply = answer(message as { id: number; type: string });
      if (reply !== undefined) setImmediate(() => listener(reply));
    },
    onMessage(l) {
      listener = l;
    },
    deliver: (message) => listener(message),
  };
  return channel;
};

describe('the cluster gate', () => {
  it('gives a worker the primary’s verdict, address budget included, over a real cluster', async () => {
    const { outcome } = await runChild({ GATE_CHILD: 'cluster' });
    expect(outcome).toMatchObject({ admitted: ADDRESS_ARTICLE_HOURLY_CAP, pending: 0 });
  });

  it('fails a question the primary never answers after the timeout, and forgets it', async () => {
    const { outcome, questions } = await runChild({ GATE_TIMEOUT_MS: '300' });
    expect(questions).toEqual([expect.objectContaining({ type: 'dateline:admit' })]);
    expect(outcome.error).toMatch(/did not answer dateline:admit within 300 ms/);
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(290);
    expect(outcome.pending).toBe(0);
  });

  it('keeps nothing waiting when many questions time out, and drops answers that come too late', async () => {
    const unanswered: number[] = [];
    const channel = fakePrimary((q) => void unanswered.push(q.id));
    const client = createClusterGateClient({ channel, timeoutMs: 20 });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.admit([], 1)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill('rejected'));
    expect(client.pending).toBe(0);
    for (const id of unanswered) channel.deliver({ type: 'dateline:reply', id, candidates: [] });
    expect(client.pending).toBe(0);
  });

  it('answers from the primary in time', async () => {
    const channel = fakePrimary((q) => ({ type: 'dateline:reply', id: q.id, candidates: [] }));
    const client = createClusterGateClient({ channel, timeoutMs: 1000 });
    await expect(client.admit([], 1)).resolves.toEqual([]);
    expect(client.pending).toBe(0);
  });

  it('refuses a salt the primary did not send', async () => {
    const channel = fakePrimary((q) => ({ type: 'dateline:reply', id: q.id }));
    const client = createClusterGateClient({ channel, timeoutMs: 1000 });
    await expect(client.saltFor(20_000)).rejects.toThrow(/no usable salt/);
  });
});

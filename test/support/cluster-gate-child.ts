import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createClusterGateClient, serveClusterGate } from '../../src/ranking/cluster-gate.js';
import type { ViewCandidate } from '../../src/ranking/view-candidate.js';
import { viewCandidateOf } from '../../src/ranking/visitor-key.js';

/**
 * A process for src/ranking/cluster-gate.test.ts, over real IPC channels. With GATE_CHILD=cluster it is a cluster
 * primary serving the gate to one worker of its own; otherwise it is a worker whose "primary" is the test process
 * that forked it (and may never answer). The worker asks the gate about 300 views of one article from one address
 * with 300 user agents and reports what came back as a `gate-test:outcome` message, relayed by the primary.
 */
export interface GateTestOutcome {
  type: 'gate-test:outcome';
  admitted?: number;
  error?: string;
  waitedMs: number;
  pending: number;
}

const actAsWorker = async (report: (outcome: GateTestOutcome) => void) => {
  const client = createClusterGateClient({ timeoutMs: Number(process.env.GATE_TIMEOUT_MS ?? 5000) });
  const salt = randomBytes(32);
  const second = Math.floor(Date.now() / 1000);
  const candidates: ViewCandidate[] = Array.from({ length: 300 }, (_, i) =>
    viewCandidateOf(salt, '198.51.100.7', `Browser ${i}`, 7, second),
  );
  const started = performance.now();
  try {
    const admitted = await client.admit(candidates, second);
    report({ type: 'gate-test:outcome', admitted: admitted.length, waitedMs: 0, pending: client.pending });
  } catch (error) {
    const waitedMs = performance.now() - started;
    report({ type: 'gate-test:outcome', error: (error as Error).message, waitedMs, pending: client.pending });
  }
};

const sendAndExit = (message: unknown) => process.send!(message, () => process.exit(0));

if (cluster.isWorker) {
  await actAsWorker(sendAndExit);
} else if (process.env.GATE_CHILD === 'cluster') {
  serveClusterGate();
  cluster.on('message', (_worker, message: { type?: string }) => {
    if (message.type === 'gate-test:outcome') sendAndExit(message);
  });
  cluster.fork();
} else {
  await actAsWorker(sendAndExit);
}

import { readFileSync } from 'node:fs';

/** What the shipped systemd unit gives a server at launch, besides `bin/dateline.js serve` itself. */
export interface ServiceLaunch {
  /** Node's flags on the unit's ExecStart, before the script. */
  nodeArgs: string[];
  /** The unit's `Environment=` settings (its EnvironmentFile is the operator's own and is not read). */
  env: Record<string, string>;
}

const UNIT = new URL('../docs/deploy/dateline.service', import.meta.url);

/**
 * The launch settings of docs/deploy/dateline.service: the servers a bench starts get them, so that the figures are
 * those of a server started the way the deployment guide starts it (record 0030, "Later: launch-time settings in
 * the unit"). Only the forms the unit uses are read; anything else is refused rather than guessed at.
 */
export const readServiceLaunch = (text: string = readFileSync(UNIT, 'utf8')): ServiceLaunch => {
  const lines = text.split('\n').map((line) => line.trim());
  const exec = lines.filter((line) => line.startsWith('ExecStart='));
  if (exec.length !== 1) throw new Error(`dateline.service: expected one ExecStart= line, found ${exec.length}`);
  const words = exec[0]!.slice('ExecStart='.length).split(/\s+/);
  const script = words.indexOf('bin/dateline.js');
  if (!/(^|\/)node$/.test(words[0] ?? '') || script < 1 || words.slice(script + 1).join(' ') !== 'serve')
    throw new Error(`dateline.service: ExecStart= is not "node [flags] bin/dateline.js serve": ${exec[0]}`);
  const nodeArgs = words.slice(1, script);
  const bad = nodeArgs.find((flag) => !/^--[a-z0-9-]+(=\S+)?$/.test(flag));
  if (bad !== undefined) throw new Error(`dateline.service: "${bad}" on ExecStart= is not a node flag`);
  const env: Record<string, string> = {};
  for (const line of lines.filter((l) => l.startsWith('Environment='))) {
    const m = /^Environment=([A-Z_][A-Z0-9_]*)=(\S+)$/.exec(line);
    if (!m) throw new Error(`dateline.service: expected Environment=NAME=value, found ${line}`);
    env[m[1]!] = m[2]!;
  }
  return { nodeArgs, env };
};

let shipped: ServiceLaunch | undefined;
/** The shipped unit's launch settings, read once a run: every server a bench starts and its header use them. */
export const serviceLaunch = (): ServiceLaunch => (shipped ??= readServiceLaunch());

/** The launch settings as a bench's header prints them. */
export const describeServiceLaunch = (): string => {
  const { nodeArgs, env } = serviceLaunch();
  return `launched as docs/deploy/dateline.service launches it (${[
    `node ${[...nodeArgs, 'bin/dateline.js serve'].join(' ')}`,
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
  ].join(', ')})`;
};

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

/** The Nu HTML Checker's jar from the vnu-jar package, run with the system's java (`.ci/run` installs one). */
const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/**
 * Runs the Nu HTML Checker once over every file (its JVM takes seconds to start, so never once a file) and
 * answers each error as "file:line type: message"; none for valid files.
 */
export const vnuErrors = (files: string[]): Promise<string[]> =>
  new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        // The checker exits 1 when it found errors; the JSON on standard error says which.
        let report: { messages: VnuMessage[] };
        try {
          report = JSON.parse(stderr) as { messages: VnuMessage[] };
        } catch {
          reject(new Error(`vnu wrote no report (${error?.message ?? 'no error'}): ${stderr.slice(0, 500)}`));
          return;
        }
        resolve(
          report.messages.map((m) => `${(m.url ?? '').split('/').pop()}:${m.lastLine ?? '?'} ${m.type}: ${m.message}`),
        );
      },
    );
  });

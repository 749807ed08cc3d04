import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A project of a few files laid out like ours, built by our real build scripts with the real tsc and esbuild: small
 * enough that a build takes a second, so each case can build for real.
 */
const FIXTURE: Record<string, string> = {
  'package.json': '{ "type": "module" }\n',
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: true,
      types: [],
      outDir: 'dist',
    },
  }),
  'tsconfig.build.json': JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: { rootDir: 'src' },
    include: ['src'],
    exclude: ['src/**/*.test.ts', 'src/client'],
  }),
  'src/cli/dateline.ts': 'export const edition: number = 1;\n',
  'src/cli/extra.ts': 'export const extra = "x";\n',
  'src/cli/dateline.test.ts': 'export {};\n',
  'src/client/newsroom-editor.island.ts': 'document.title = "editor";\n',
};

describe('scripts/build.mjs --if-stale', () => {
  let parent: string;
  let built: string;
  let cases = 0;

  const runBuild = (project: string) => {
    const run = spawnSync(process.execPath, [join(project, 'scripts/build.mjs'), '--if-stale'], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  };

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'dateline-build-'));
    built = join(parent, 'built');
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(built, file)), { recursive: true });
      writeFileSync(join(built, file), text);
    }
    for (const script of ['build.mjs', 'build-server-bundle.mjs', 'build-client.mjs', 'client-bundle.mjs'])
      cpSync(join(ROOT, 'scripts', script), join(built, 'scripts', script));
    symlinkSync(join(ROOT, 'node_modules'), join(built, 'node_modules'));
    const first = runBuild(built);
    expect(first.output).toContain('building');
    expect(first.status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  /**
   * A copy of the built project as it was right after its build. `cp -a` keeps every time to the nanosecond;
   * Node's cpSync keeps them only to the millisecond, and a copy made with it would rightly look changed.
   */
  const freshlyBuilt = () => {
    const project = join(parent, `case-${++cases}`);
    const copy = spawnSync('cp', ['-a', built, project], { encoding: 'utf8' });
    expect(copy.status, copy.stderr).toBe(0);
    return project;
  };
  const mtime = (project: string, file: string) => statSync(join(project, file)).mtimeMs;

  it('leaves a build whose sources did not change untouched', () => {
    const project = freshlyBuilt();
    const before = mtime(project, 'dist/cli/dateline.js');
    const run = runBuild(project);
    expect(run.output).toContain('up to date');
    expect(mtime(project, 'dist/cli/dateline.js')).toBe(before);
  });

  it('does not rebuild for an edited test file, which the build leaves out', () => {
    const project = freshlyBuilt();
    writeFileSync(join(project, 'src/cli/dateline.test.ts'), 'export const changed = true;\n');
    expect(runBuild(project).output).toContain('up to date');
  });

  it('rebuilds after a source file is edited', () => {
    const project = freshlyBuilt();
    writeFileSync(join(project, 'src/cli/dateline.ts'), 'export const edition: number = 2;\n');
    const run = runBuild(project);
    expect(run.output).toContain('building');
    expect(readFileSync(join(project, 'dist/cli/dateline.js'), 'utf8')).toContain('edition = 2');
  }, 60_000);

  it('rebuilds after a source file is deleted, though no remaining file is newer', () => {
    const project = freshlyBuilt();
    rmSync(join(project, 'src/cli/extra.ts'));
    expect(runBuild(project).output).toContain('building');
  }, 60_000);

  it('rebuilds a source restored with an older time than the build (a checkout of an older commit)', () => {
    const project = freshlyBuilt();
    writeFileSync(join(project, 'src/cli/dateline.ts'), 'export const edition: number = 3;\n');
    utimesSync(join(project, 'src/cli/dateline.ts'), new Date('2020-01-01'), new Date('2020-01-01'));
    expect(runBuild(project).output).toContain('building');
    expect(readFileSync(join(project, 'dist/cli/dateline.js'), 'utf8')).toContain('edition = 3');
  }, 60_000);

  it('rebuilds when an output is missing', () => {
    const project = freshlyBuilt();
    rmSync(join(project, 'static/newsroom-editor.js'));
    const run = runBuild(project);
    expect(run.output).toContain('building');
    expect(readFileSync(join(project, 'static/newsroom-editor.js'), 'utf8')).toContain('editor');
  }, 60_000);

  it('after a failed build, builds again at the next start instead of trusting the half-written output', () => {
    const project = freshlyBuilt();
    writeFileSync(join(project, 'src/cli/dateline.ts'), 'export const edition: number = "not a number";\n');
    const failed = runBuild(project);
    expect(failed.status).toBe(2);
    const again = runBuild(project);
    expect(again.output).toContain('building');
    expect(again.status).toBe(2);
  }, 60_000);
});

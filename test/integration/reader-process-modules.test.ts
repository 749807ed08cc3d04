import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { installRecordingModules } from '../support/recording-bundle.js';
import { ownServerTests, probeLine, serveWithProbe, type OwnProcess } from '../support/server-process.js';

// A process's mapped files show which native libraries it loaded; ESM has no list of loaded modules to ask.
const PROC_MAPS = '/proc/self/maps';

/** The native parts of the image and password libraries a process has mapped, by library. */
const nativeLibraries = (pid: number): { images: boolean; passwords: boolean } => {
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
  return { images: /sharp-[\w-]+\.node|libvips/.test(maps), passwords: /argon2[\w.-]*\.node/.test(maps) };
};

/** The npm packages a server started with the probe has loaded, from the line it writes when sent SIGUSR2. */
const loadedPackages = (server: OwnProcess): Promise<string[]> => probeLine<string[]>(server, 'loaded-packages');

/** Posts a wrong password through the sign-in form, as a browser would: the form's cookie and token first. */
const failSignIn = async (base: string): Promise<number> => {
  const page = await fetch(`${base}/newsroom/login`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error('the sign-in page carries no form token');
  const response = await fetch(`${base}/newsroom/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, email: 'nobody@example.com', password: 'not the password' }).toString(),
  });
  return response.status;
};

/**
 * A fresh data folder holding one article, imported from a page of text as `dateline import-page` takes it; its
 * folder is the test's own server's (removed after), its address the importer's last line.
 */
const folderWithArticle = async (own: { dir?: string }, prefix: string, lines: string[]): Promise<string> => {
  const dir = (own.dir = mkdtempSync(join(tmpdir(), prefix)));
  const page = join(dir, 'page.txt');
  writeFileSync(page, lines.join('\n'));
  const out: string[] = [];
  const imported = await runCli(['import-page', page], {
    env: { DATELINE_DATA: dir },
    stdout: (l) => out.push(l),
    stderr: (l) => out.push(l),
  });
  expect(imported, out.join('\n')).toBe(0);
  return out.at(-1)!;
};

describe.skipIf(!existsSync(PROC_MAPS))('a serving process', () => {
  const own = ownServerTests();

  it('serves readers without loading sharp or argon2, and loads argon2 at the first sign-in', async () => {
    const path = await folderWithArticle(own, 'dateline-modules-', [
      'Night Market Returns',
      '19:30 JST, March 3, 2026',
      'Stalls open again on the river bank.',
      'Top Articles in Society',
    ]);
    const { server, base } = await serveWithProbe(own, {
      probe: './loaded-packages-probe.cjs',
      env: { DATELINE_DEMO: '0' },
    });
    expect((await fetch(`${base}${path}`)).status).toBe(200);
    const pid = server.child.pid!;
    expect(nativeLibraries(pid)).toEqual({ images: false, passwords: false });
    // Nor the pure JavaScript packages that only some configurations use (the probe lists what require() loaded).
    const packages = await loadedPackages(server);
    expect(packages).toContain('better-sqlite3');
    for (const unused of ['redis', 'pg', 'sharp', '@node-rs/argon2']) expect(packages).not.toContain(unused);
    // Nor Node's TLS and HTTP/2 modules or the promise resolver, which Fastify and the webhook sender load only when
    // used (record 0030, "Later: built-in modules a server never uses"; node:dns itself comes with listening on a
    // host); the list holds what serving did load.
    const builtins = await probeLine<string[]>(server, 'loaded-builtins');
    expect(builtins).toEqual(expect.arrayContaining(['http', 'net', 'zlib']));
    for (const unused of ['http2', 'https', 'tls', 'dns/promises']) expect(builtins).not.toContain(unused);

    // The same look shows argon2 once a password is checked: the absence above is not the probe missing it.
    expect(await failSignIn(base)).toBe(401);
    expect(nativeLibraries(pid)).toEqual({ images: false, passwords: true });
    expect(await loadedPackages(server)).toContain('@node-rs/argon2');
  }, 60_000);

  // The newsroom and the Admin API are an app of their own, built at their first request (server/hand-over.ts): a
  // process that serves readers neither evaluates their modules nor the form, upload and HTML parsers they bring.
  it('evaluates the newsroom and the Admin API only at their first request', async () => {
    const path = await folderWithArticle(own, 'dateline-newsroom-lazy-', [
      'Harbour Lights Restored',
      '18:40 JST, May 2, 2026',
      'The old lamps shine over the quay again.',
      'Top Articles in Society',
    ]);
    const bin = installRecordingModules(join(own.dir!, 'install'));
    const { server, base } = await serveWithProbe(own, {
      probe: './evaluated-modules-probe.cjs',
      env: { DATELINE_DEMO: '0' },
      bin,
    });
    for (const reader of [path, '/feed/', '/ghost/api/content/settings/?key=none'])
      await (await fetch(`${base}${reader}`)).arrayBuffer();
    const newsroomOnly = /^dist\/server\/(newsroom\/|newsroom-app\.js|api\/admin-api-(routes|write))|parse5|multipart/;
    const serving = await probeLine<string[]>(server, 'evaluated-modules');
    // The list is the bundle's own account: the reader's modules are in it.
    expect(serving).toEqual(expect.arrayContaining(['dist/server/app.js', 'dist/server/reader/reader-routes.js']));
    expect(serving.filter((name) => newsroomOnly.test(name))).toEqual([]);
    // Nor Fastify's own schema compilers, which zod's replace, nor the version checks of plugins it does not register.
    const unused =
      /^node_modules\/(ajv|ajv-formats|semver|@fastify\/ajv-compiler|@fastify\/fast-json-stringify-compiler)\//;
    expect(serving.filter((name) => unused.test(name))).toEqual([]);

    expect((await fetch(`${base}/newsroom/login`)).status).toBe(200);
    const afterNewsroom = await probeLine<string[]>(server, 'evaluated-modules');
    expect(afterNewsroom.slice(serving.length)).toEqual(
      expect.arrayContaining([
        'dist/server/newsroom-app.js',
        'dist/server/newsroom/newsroom-plugin.js',
        'dist/server/api/admin-api-routes.js',
        'node_modules/@fastify/multipart/index.js',
        'node_modules/parse5/dist/index.js',
      ]),
    );
  }, 60_000);

  // A formatter or collator maps megabytes of ICU into the process for its life (record 0030, "Later: dates without
  // ICU"): datelines come from the system's time zone database, counts are grouped by our own code.
  it('serves reader pages without building ICU formatters or collators', async () => {
    const path = await folderWithArticle(own, 'dateline-icu-', [
      'Ferry Timetable Changes',
      '07:05 JST, April 9, 2026',
      'The morning boats leave earlier.',
      'Top Articles in Society',
    ]);
    const { server, base } = await serveWithProbe(own, { probe: './icu-probe.cjs', env: { DATELINE_DEMO: '0' } });
    const article = await (await fetch(`${base}${path}`)).text();
    expect(article).toContain('07:05 JST, April 9, 2026');
    for (const other of ['/', '/feed/', '/sitemap.xml', '/sitemaps/news.xml', '/search?q=ferry'])
      expect((await fetch(`${base}${other}`, { headers: { 'accept-encoding': 'gzip' } })).status, other).toBe(200);
    expect(await probeLine<string[]>(server, 'icu')).toEqual([]);

    // Words of other scripts than Latin and CJK go to ICU's segmenter: the probe sees what it is meant to see.
    expect((await fetch(`${base}/search?q=${encodeURIComponent('паром')}`)).status).toBe(200);
    expect(await probeLine<string[]>(server, 'icu')).toEqual(['Intl.Segmenter']);
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { createStorage } from '../../src/storage/database.js';
import { authorRowBySlug } from '../../src/storage/repositories/author.repository.js';

const captured = (env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) } };
};

describe('dateline author add', () => {
  let dataDir: string;
  const env = () => ({ DATELINE_DATA: dataDir });
  const authorCount = async () => {
    const storage = createStorage({ dataDir, databaseUrl: null });
    try {
      const row = await storage.db
        .selectFrom('author')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return Number(row?.n);
    } finally {
      await storage.close();
    }
  };
  const profile = async (slug: string) => {
    const storage = createStorage({ dataDir, databaseUrl: null });
    try {
      return await authorRowBySlug(storage.db, slug);
    } finally {
      await storage.close();
    }
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-cli-author-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes the slug from the name and prints the created author', async () => {
    const c = captured(env());
    expect(await runCli(['author', 'add', '--name', 'Ana Ito'], c.io)).toBe(0);
    expect(c.out).toEqual(['Created author Ana Ito (slug ana-ito).']);
    expect(c.err).toEqual([]);
    expect(await profile('ana-ito')).toMatchObject({ name: 'Ana Ito', job_title: '', links: '{}', user_id: null });
  });

  it('takes a slug and a job title', async () => {
    const c = captured(env());
    const args = ['author', 'add', '--name', 'Min-jun Park', '--slug', 'mj-park', '--title', 'Seoul Correspondent'];
    expect(await runCli(args, c.io)).toBe(0);
    expect(c.out).toEqual(['Created author Min-jun Park (slug mj-park, Seoul Correspondent).']);
    expect(await profile('mj-park')).toMatchObject({ name: 'Min-jun Park', job_title: 'Seoul Correspondent' });
  });

  it('refuses a slug another author has, in one line, and writes nothing', async () => {
    const before = await authorCount();
    const c = captured(env());
    expect(await runCli(['author', 'add', '--name', 'Ana Ito'], c.io)).toBe(1);
    expect(c.err).toEqual([
      'author add: --slug: Another author already has the slug ana-ito; choose another.',
      'Nothing was written.',
    ]);
    expect(await authorCount()).toBe(before);
  });

  it('refuses a malformed slug and an empty name, naming the option', async () => {
    const bad = captured(env());
    expect(await runCli(['author', 'add', '--name', 'Bo Lin', '--slug', 'Bo Lin'], bad.io)).toBe(1);
    expect(bad.err[0]).toBe('author add: --slug: Use lower-case letters, digits and dashes, like ana-ito.');
    const empty = captured(env());
    expect(await runCli(['author', 'add', '--name', ' '], empty.io)).toBe(1);
    expect(empty.err[0]).toBe("author add: --name: Write the author's name.");
    expect(await profile('bo-lin')).toBeUndefined();
  });

  it('explains a missing --name, an unknown option and an unknown subcommand with exit code 2', async () => {
    const missing = captured(env());
    expect(await runCli(['author', 'add', '--title', 'Editor'], missing.io)).toBe(2);
    expect(missing.err[0]!.split('\n')[0]).toBe('dateline: author add needs --name');
    const unknown = captured(env());
    expect(await runCli(['author', 'add', '--name', 'Cy', '--email', 'cy@example.com'], unknown.io)).toBe(2);
    expect(unknown.err[0]!.split('\n')[0]).toMatch(/^dateline: Unknown option '--email'/);
    const sub = captured(env());
    expect(await runCli(['author', 'remove', '--name', 'Cy'], sub.io)).toBe(2);
    expect(sub.err[0]!.split('\n')[0]).toBe('dateline: the author command has one subcommand: add');
    expect(await profile('cy')).toBeUndefined();
  });
});

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSharp, prepareImage, type PreparedImage } from '../services/store-image.js';
import { DEMO_ARTICLES } from './demo-content.js';
import { illustrationSvg } from './demo-illustration.js';
import { cachedPreparation } from './demo-photo-cache.js';

const svg = illustrationSvg(DEMO_ARTICLES.find((a) => a.photo)!.photo!.scene, 'cache-test', 320, 200);
const prepareFresh = async (): Promise<PreparedImage> =>
  prepareImage(await (await loadSharp())(Buffer.from(svg)).png().toBuffer(), { avif: false });

describe('the demo photo cache', () => {
  it('prepares a picture once, then reads the same variants back without preparing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'demo-photos-'));
    let prepared = 0;
    const prepare = () => {
      prepared++;
      return prepareFresh();
    };
    const first = await cachedPreparation(folder, svg, 'test', prepare);
    const second = await cachedPreparation(folder, svg, 'test', prepare);
    expect(prepared).toBe(1);
    expect(second).toEqual(first);
    expect(second.variants.map((v) => v.name)).toEqual(first.variants.map((v) => v.name));
    // Other options are another picture.
    await cachedPreparation(folder, svg, 'other', prepare);
    expect(prepared).toBe(2);
  });

  it('prepares again when the kept file is cut short or unreadable, and without a folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'demo-photos-'));
    let prepared = 0;
    const prepare = () => {
      prepared++;
      return prepareFresh();
    };
    await cachedPreparation(folder, svg, 'test', prepare);
    const [file] = readdirSync(folder);
    writeFileSync(join(folder, file!), Buffer.from([0, 0, 0, 9, 123]));
    await cachedPreparation(folder, svg, 'test', prepare);
    await cachedPreparation(null, svg, 'test', prepare);
    expect(prepared).toBe(3);
  });

  it('holds what prepareImage makes today (a change to the pipeline needs PREPARE_REVISION bumped)', async () => {
    // The suite's own cache folder, warm on a developer's machine: stale pictures there would fail this.
    const folder = process.env.DATELINE_DEMO_PHOTO_CACHE ?? mkdtempSync(join(tmpdir(), 'demo-photos-'));
    const kept = await cachedPreparation(folder, svg, 'revision-check', prepareFresh);
    expect(await prepareFresh()).toEqual(kept);
  });
});

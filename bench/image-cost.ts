import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { DEMO_ARTICLES } from '../src/demo/demo-content.js';
import { illustrationSvg } from '../src/demo/demo-illustration.js';
import { scaledHeight, variantWidths } from '../src/domain/media.js';
import { AVIF, prepareImage } from '../src/services/store-image.js';
import { fmt, log, pad } from './report.js';

/**
 * `node --import tsx bench/image-cost.ts`: what each format of a photo's responsive variants costs to encode, AVIF at
 * each effort beside WebP and JPEG, and what a whole upload (prepareImage: every variant and crop) costs as shipped.
 * CPU time is the process's (libvips encodes on its own threads) and is what a busy machine changes least; wall
 * time is what the newsroom waits. The figures behind docs/architecture/0013-brotli.md; not part of `npm test`.
 *
 * BENCH_PHOTO=path measures a photo of your own besides the demo's illustrations and a grainy 12-megapixel
 * picture made here (grainyPhoto: a stand-in for a photo's fine detail, harder to encode than most photos).
 */

const RUNS = Number(process.env.BENCH_IMAGE_RUNS ?? 3);
const EFFORTS = (process.env.BENCH_AVIF_EFFORTS ?? '0,1,2,3,4').split(',').map(Number);

interface Cost {
  cpuMs: number;
  wallMs: number;
  bytes: number;
}

/** The median run of `work` by CPU time, with its wall time and the bytes it made. */
const measure = async (work: () => Promise<number>): Promise<Cost> => {
  const runs: Cost[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const bytes = await work();
    const used = process.cpuUsage(cpu);
    runs.push({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, bytes });
  }
  return runs.sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)]!;
};

type Encode = (s: sharp.Sharp) => sharp.Sharp;
const FORMATS: [string, Encode][] = [
  // The same settings as services/store-image.ts.
  ['webp q78', (s) => s.webp({ quality: 78 })],
  ['jpeg q80 mozjpeg', (s) => s.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true })],
  ...EFFORTS.map((effort): [string, Encode] => [
    `avif q${AVIF.quality} effort ${effort}${effort === AVIF.effort ? ' *' : ''}`,
    (s) => s.avif({ quality: AVIF.quality, effort }),
  ]),
];

/** Every responsive width of one image in one format, at once as prepareImage makes them. */
const allWidths = async (oriented: Buffer, width: number, height: number, encode: Encode): Promise<number> => {
  const outs = await Promise.all(
    variantWidths(width).map((w) =>
      encode(sharp(oriented).resize(w, scaledHeight(w, { width, height }), { fit: 'fill' })).toBuffer(),
    ),
  );
  return outs.reduce((sum, b) => sum + b.byteLength, 0);
};

/**
 * A 12-megapixel picture with grain at two scales: per pixel, and in blobs of about 4 px that survive the scaling
 * down to 1,200 px as a photo's fine detail does (the per-pixel grain alone averages away).
 */
const grainyPhoto = async (): Promise<Buffer> => {
  const [w, h] = [4032, 3024];
  const a = DEMO_ARTICLES.find((x) => x.photo)!;
  const base = await sharp(Buffer.from(illustrationSvg(a.photo!.scene, a.key, w, h)))
    .removeAlpha()
    .raw()
    .toBuffer();
  let seed = 20261201;
  const noise = (amplitude: number) => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return ((seed >> 16) % (2 * amplitude + 1)) - amplitude;
  };
  const coarse = Buffer.alloc((w / 4) * (h / 4) * 3);
  for (let i = 0; i < coarse.length; i++) coarse[i] = 128 + noise(40);
  const blobs = await sharp(coarse, { raw: { width: w / 4, height: h / 4, channels: 3 } })
    .resize(w, h, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, base[i]! + blobs[i]! - 128 + noise(10)));
  return sharp(base, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
};

const main = async () => {
  const illustrated = DEMO_ARTICLES.filter((x) => x.photo).slice(0, 3);
  const inputs: [string, Buffer][] = [
    ...(await Promise.all(
      illustrated.map(async (a): Promise<[string, Buffer]> => [
        `demo illustration ${a.photo!.scene} 1200x800`,
        await sharp(Buffer.from(illustrationSvg(a.photo!.scene, a.key, 1200, 800)))
          .png()
          .toBuffer(),
      ]),
    )),
    ['grainy 4032x3024 JPEG', await grainyPhoto()],
    ...(process.env.BENCH_PHOTO
      ? [[process.env.BENCH_PHOTO, readFileSync(process.env.BENCH_PHOTO)] as [string, Buffer]]
      : []),
  ];
  for (const [name, input] of inputs) {
    const { data: oriented, info } = await sharp(input).rotate().toBuffer({ resolveWithObject: true });
    log(`\n${name}: ${fmt(input.byteLength)} bytes, widths ${variantWidths(info.width).join(', ')}`);
    log(`  ${pad('format', 24)}${pad('cpu ms', 9, true)}${pad('wall ms', 9, true)}${pad('bytes', 10, true)}`);
    const row = (label: string, c: Cost) =>
      log(
        `  ${pad(label, 24)}${pad(fmt(c.cpuMs), 9, true)}${pad(fmt(c.wallMs), 9, true)}${pad(fmt(c.bytes), 10, true)}`,
      );
    for (const [label, encode] of FORMATS)
      row(label, await measure(() => allWidths(oriented, info.width, info.height, encode)));
    row(
      'prepareImage (upload)',
      await measure(async () => (await prepareImage(input)).variants.reduce((s, v) => s + v.b.byteLength, 0)),
    );
  }
};

await main();

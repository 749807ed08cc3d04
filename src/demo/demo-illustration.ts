import type { IllustrationScene } from './demo-content.js';

/**
 * Flat-colour editorial illustrations for the demo articles' main photos.
 *
 * Each scene is drawn from plain SVG 1.1 shapes and gradients (no text, fonts, filters or external
 * references) so that librsvg, and therefore sharp, renders it identically everywhere. A small PRNG
 * seeded from the article's seed varies palette, time of day and layout, so two articles that share
 * a scene still get different pictures, while the same seed always yields the same document.
 */

type Rng = () => number;
type Point = [number, number];
type Stop = [offset: number, color: string, opacity?: number];
type Attrs = Record<string, string | number | undefined>;

/** FNV-1a, 32 bit. */
const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** mulberry32: tiny, fast and good enough for picking colours and positions. */
const mulberry32 = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Numbers are written with at most one decimal to keep the documents small. */
const num = (x: number): string => String(Math.round(x * 10) / 10);

const hex2 = (x: number): string =>
  Math.round(clamp(x, 0, 1) * 255)
    .toString(16)
    .padStart(2, '0');

/** HSL (degrees, percent, percent) to #rrggbb; SVG 1.1 has no hsl() colours. */
const hsl = (h: number, s: number, l: number): string => {
  const hh = ((h % 360) + 360) % 360;
  const ss = clamp(s, 0, 100) / 100;
  const ll = clamp(l, 0, 100) / 100;
  const a = ss * Math.min(ll, 1 - ll);
  const f = (n: number): number => {
    const k = (n + hh / 30) % 12;
    return ll - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex2(f(0))}${hex2(f(8))}${hex2(f(4))}`;
};

const rgb = (color: string): [number, number, number] => {
  const v = parseInt(color.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
};

/** Linear blend of two #rrggbb colours; t = 0 gives a, t = 1 gives b. */
const mix = (a: string, b: string, t: number): string => {
  const [r1, g1, b1] = rgb(a);
  const [r2, g2, b2] = rgb(b);
  return `#${hex2(r1 + (r2 - r1) * t)}${hex2(g1 + (g2 - g1) * t)}${hex2(b1 + (b2 - b1) * t)}`;
};

const attrText = (attrs: Attrs): string =>
  Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : v}"`)
    .join('');

const pointsText = (pts: Point[]): string => pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');

class Canvas {
  private readonly defs: string[] = [];
  private readonly parts: string[] = [];
  private nextId = 0;
  readonly m: number;

  constructor(
    readonly w: number,
    readonly h: number,
    readonly rnd: Rng,
  ) {
    this.m = Math.min(w, h);
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.rnd();
  }

  int(lo: number, hi: number): number {
    return Math.floor(this.range(lo, hi + 1 - 1e-9));
  }

  chance(p: number): boolean {
    return this.rnd() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)] as T;
  }

  private id(prefix: string): string {
    this.nextId += 1;
    return `${prefix}${this.nextId}`;
  }

  private stops(stops: Stop[]): string {
    return stops.map(([o, c, op]) => `<stop${attrText({ offset: o, 'stop-color': c, 'stop-opacity': op })}/>`).join('');
  }

  /** A linear gradient in object-bounding-box units (default: top to bottom); returns a fill url. */
  linear(stops: Stop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
    const id = this.id('l');
    this.defs.push(`<linearGradient${attrText({ id, x1, y1, x2, y2 })}>${this.stops(stops)}</linearGradient>`);
    return `url(#${id})`;
  }

  radial(stops: Stop[]): string {
    const id = this.id('r');
    this.defs.push(
      `<radialGradient${attrText({ id, cx: 0.5, cy: 0.5, r: 0.5 })}>${this.stops(stops)}</radialGradient>`,
    );
    return `url(#${id})`;
  }

  /** A clip path made of the given shape markup; returns the clip-path url. */
  clip(shape: string): string {
    const id = this.id('c');
    this.defs.push(`<clipPath id="${id}">${shape}</clipPath>`);
    return `url(#${id})`;
  }

  raw(markup: string): void {
    this.parts.push(markup);
  }

  el(tag: string, attrs: Attrs): string {
    const markup = `<${tag}${attrText(attrs)}/>`;
    this.parts.push(markup);
    return markup;
  }

  rect(x: number, y: number, w: number, h: number, fill: string, extra: Attrs = {}): string {
    return this.el('rect', { x, y, width: Math.max(0, w), height: Math.max(0, h), fill, ...extra });
  }

  circle(cx: number, cy: number, r: number, fill: string, extra: Attrs = {}): string {
    return this.el('circle', { cx, cy, r: Math.max(0, r), fill, ...extra });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra: Attrs = {}): string {
    return this.el('ellipse', { cx, cy, rx: Math.max(0, rx), ry: Math.max(0, ry), fill, ...extra });
  }

  poly(pts: Point[], fill: string, extra: Attrs = {}): string {
    return this.el('polygon', { points: pointsText(pts), fill, ...extra });
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra: Attrs = {}): string {
    return this.el('line', { x1, y1, x2, y2, stroke, 'stroke-width': width, ...extra });
  }

  path(d: string, fill: string, extra: Attrs = {}): string {
    return this.el('path', { d, fill, ...extra });
  }

  group(attrs: Attrs, draw: () => void): void {
    this.parts.push(`<g${attrText(attrs)}>`);
    draw();
    this.parts.push('</g>');
  }

  toString(): string {
    const w = Math.round(this.w);
    const h = Math.round(this.h);
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
      `<defs>${this.defs.join('')}</defs>` +
      this.parts.join('') +
      `</svg>\n`
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces: sky, sun, clouds, ridges

type Mood = 'day' | 'morning' | 'dusk' | 'night';

interface Sky {
  mood: Mood;
  top: string;
  mid: string;
  bottom: string;
  sun: string;
  /** A dark, slightly tinted colour for silhouettes in this light. */
  dark: string;
  /** Warm window / lamp light. */
  lamp: string;
}

const makeSky = (c: Canvas, moods: readonly Mood[]): Sky => {
  const mood = c.pick(moods);
  const j = c.range(-12, 12);
  switch (mood) {
    case 'day':
      return {
        mood,
        top: hsl(208 + j, 62, 56),
        mid: hsl(200 + j, 62, 72),
        bottom: hsl(192 + j, 55, 87),
        sun: '#fff7dc',
        dark: hsl(215 + j, 28, 24),
        lamp: '#fff3c9',
      };
    case 'morning':
      return {
        mood,
        top: hsl(202 + j, 50, 70),
        mid: hsl(28 + j, 70, 84),
        bottom: hsl(42 + j, 85, 87),
        sun: '#fff2c2',
        dark: hsl(225 + j, 22, 28),
        lamp: '#ffe7a8',
      };
    case 'dusk':
      return {
        mood,
        top: hsl(252 + j, 38, 34),
        mid: hsl(335 + j, 50, 62),
        bottom: hsl(30 + j, 88, 70),
        sun: '#ffe3a0',
        dark: hsl(262 + j, 30, 18),
        lamp: '#ffd27a',
      };
    case 'night':
      return {
        mood,
        top: hsl(230 + j, 50, 11),
        mid: hsl(226 + j, 44, 20),
        bottom: hsl(214 + j, 38, 33),
        sun: '#f6f1de',
        dark: hsl(230 + j, 35, 8),
        lamp: '#ffd98a',
      };
  }
};

const drawClouds = (c: Canvas, count: number, yMax: number, color = '#ffffff', opacity = 0.8): void => {
  for (let i = 0; i < count; i++) {
    const cx = c.range(0.05, 0.95) * c.w;
    const cy = c.range(0.08, 1) * yMax;
    const s = c.range(0.05, 0.1) * c.m;
    c.group({ fill: color, opacity }, () => {
      c.ellipse(cx, cy, s * 2.2, s * 0.55, color);
      c.circle(cx - s * 0.8, cy - s * 0.25, s * 0.6, color);
      c.circle(cx + s * 0.2, cy - s * 0.45, s * 0.8, color);
      c.circle(cx + s * 1.1, cy - s * 0.15, s * 0.55, color);
    });
  }
};

const drawStars = (c: Canvas, count: number, yMax: number): void => {
  for (let i = 0; i < count; i++) {
    c.circle(c.range(0, c.w), c.range(0, yMax), c.range(0.6, 1.6) * (c.m / 400), '#ffffff', {
      opacity: c.range(0.35, 0.95),
    });
  }
};

/** Sky gradient, sun (or moon) with a glow, and clouds or stars to suit the mood. */
const drawSky = (c: Canvas, sky: Sky, sun: { x: number; y: number; r: number } | null, horizon: number): void => {
  c.rect(
    0,
    0,
    c.w,
    c.h,
    c.linear([
      [0, sky.top],
      [0.6, sky.mid],
      [1, sky.bottom],
    ]),
  );
  if (sky.mood === 'night') drawStars(c, c.int(40, 80), horizon * 0.9);
  if (sun) {
    const glowR = sun.r * (sky.mood === 'night' ? 3 : 4.5);
    c.circle(
      sun.x,
      sun.y,
      glowR,
      c.radial([
        [0, sky.sun, 0.7],
        [0.35, sky.sun, 0.25],
        [1, sky.sun, 0],
      ]),
    );
    c.circle(sun.x, sun.y, sun.r, sky.sun);
    if (sky.mood === 'night')
      c.circle(sun.x + sun.r * 0.38, sun.y - sun.r * 0.2, sun.r * 0.85, sky.top, { opacity: 0.9 });
  }
  if (sky.mood === 'day' || sky.mood === 'morning') drawClouds(c, c.int(2, 4), horizon * 0.55);
  if (sky.mood === 'dusk') drawClouds(c, c.int(1, 3), horizon * 0.5, sky.mid, 0.55);
};

/** A jagged ridge line across the full width by midpoint displacement. */
const ridge = (c: Canvas, baseY: number, amp: number, roughness = 0.55, depth = 6): Point[] => {
  const n = 2 ** depth;
  const ys: number[] = new Array<number>(n + 1).fill(baseY);
  ys[0] = baseY + c.range(-amp, amp) * 0.5;
  ys[n] = baseY + c.range(-amp, amp) * 0.5;
  let step = n;
  let a = amp;
  while (step > 1) {
    const half = step / 2;
    for (let i = half; i < n; i += step) {
      ys[i] = ((ys[i - half] ?? baseY) + (ys[i + half] ?? baseY)) / 2 + c.range(-a, a);
    }
    step = half;
    a *= roughness;
  }
  return ys.map((y, i): Point => [(i / n) * c.w * 1.02 - c.w * 0.01, y]);
};

const fillBelow = (pts: Point[], bottom: number, w: number): Point[] => [
  ...pts,
  [w * 1.01, bottom],
  [-w * 0.01, bottom],
];

const pineTree = (c: Canvas, x: number, baseY: number, h: number, color: string): void => {
  const w = h * 0.42;
  c.rect(x - h * 0.03, baseY - h * 0.12, h * 0.06, h * 0.14, mix(color, '#000000', 0.3));
  for (let k = 0; k < 3; k++) {
    const top = baseY - h + k * h * 0.22;
    const bot = baseY - h * 0.1 - (2 - k) * h * 0.2;
    const ww = w * (0.55 + k * 0.25);
    c.poly(
      [
        [x, top],
        [x + ww / 2, bot],
        [x - ww / 2, bot],
      ],
      color,
    );
  }
};

const roundTree = (c: Canvas, x: number, baseY: number, r: number, color: string): void => {
  c.rect(x - r * 0.1, baseY - r * 0.9, r * 0.2, r * 0.9, mix(color, '#3b2a1a', 0.6));
  c.circle(x - r * 0.45, baseY - r * 1.1, r * 0.7, color);
  c.circle(x + r * 0.45, baseY - r * 1.15, r * 0.7, color);
  c.circle(x, baseY - r * 1.6, r * 0.8, mix(color, '#ffffff', 0.08));
};

// ---------------------------------------------------------------------------------------------
// Scenes

const skyline = (c: Canvas): void => {
  const { w, h } = c;
  const sky = makeSky(c, ['day', 'morning', 'dusk', 'night']);
  const horizon = h * c.range(0.72, 0.8);
  drawSky(c, sky, { x: c.range(0.15, 0.85) * w, y: c.range(0.14, 0.34) * h, r: c.m * c.range(0.05, 0.08) }, horizon);

  const far = mix(sky.bottom, sky.dark, sky.mood === 'night' ? 0.45 : 0.3);
  for (let x = -c.range(0, 0.04) * w; x < w;) {
    const bw = c.range(0.035, 0.08) * w;
    const bh = c.range(0.16, 0.42) * h;
    c.rect(x, horizon - bh, bw + 1, bh + 1, far);
    if (c.chance(0.2)) c.rect(x + bw * 0.45, horizon - bh - h * 0.05, bw * 0.1, h * 0.05, far);
    x += bw + c.range(0, 0.012) * w;
  }

  const near = mix(sky.bottom, sky.dark, sky.mood === 'night' ? 0.75 : 0.6);
  const lit = sky.mood === 'night' || sky.mood === 'dusk';
  const win = lit ? sky.lamp : mix(sky.mid, '#ffffff', 0.35);
  const ww = w * 0.009;
  const wh = h * 0.016;
  for (let x = -c.range(0, 0.05) * w; x < w;) {
    const bw = c.range(0.06, 0.13) * w;
    const bh = c.range(0.12, 0.4) * h;
    const top = horizon - bh;
    const tone = mix(near, sky.dark, c.range(0, 0.25));
    c.rect(x, top, bw, bh + 1, tone);
    if (c.chance(0.35)) {
      c.rect(x + bw * 0.15, top - h * 0.025, bw * 0.7, h * 0.026, tone);
      if (c.chance(0.5)) c.line(x + bw / 2, top - h * 0.025, x + bw / 2, top - h * 0.09, tone, Math.max(1, w * 0.003));
    }
    const cols = Math.max(1, Math.floor((bw - ww * 1.5) / (ww * 2)));
    const rows = Math.max(1, Math.floor((bh - wh * 1.5) / (wh * 2)));
    const pad = (bw - cols * ww * 2 + ww) / 2;
    const p = lit ? 0.42 : 0.75;
    c.group({ fill: win, opacity: lit ? 0.9 : 0.55 }, () => {
      for (let i = 0; i < cols; i++) {
        for (let k = 0; k < rows; k++) {
          if (c.chance(p))
            c.el('rect', { x: x + pad + i * ww * 2, y: top + wh * 1.2 + k * wh * 2, width: ww, height: wh });
        }
      }
    });
    x += bw + c.range(-0.005, 0.01) * w;
  }

  // River in front, with reflected light.
  const water = mix(sky.top, sky.dark, 0.35);
  c.rect(
    0,
    horizon,
    w,
    h - horizon,
    c.linear([
      [0, mix(near, water, 0.5)],
      [1, water],
    ]),
  );
  c.rect(0, horizon, w, h * 0.008, mix(near, sky.dark, 0.4));
  const refl = lit ? sky.lamp : sky.bottom;
  for (let i = 0; i < 26; i++) {
    const y = c.range(horizon + h * 0.02, h * 0.98);
    c.rect(c.range(-0.05, 0.95) * w, y, c.range(0.02, 0.08) * w, h * 0.004, refl, { opacity: c.range(0.15, 0.45) });
  }
};

const harbour = (c: Canvas): void => {
  const { w, h } = c;
  const sky = makeSky(c, ['day', 'morning', 'dusk']);
  const horizon = h * c.range(0.52, 0.6);
  const sunX = c.range(0.2, 0.8) * w;
  drawSky(c, sky, { x: sunX, y: horizon - c.range(0.06, 0.22) * h, r: c.m * c.range(0.05, 0.075) }, horizon);

  c.poly(fillBelow(ridge(c, horizon - h * 0.035, h * 0.04, 0.6, 5), horizon + 1, w), mix(sky.bottom, sky.dark, 0.28));

  const seaDeep = hsl(c.range(195, 215), 50, sky.mood === 'dusk' ? 24 : 32);
  c.rect(
    0,
    horizon,
    w,
    h - horizon,
    c.linear([
      [0, mix(sky.bottom, seaDeep, 0.45)],
      [1, seaDeep],
    ]),
  );
  for (let i = 0; i < 12; i++) {
    const t = i / 12;
    const y = horizon + h * 0.01 + t * (h - horizon) * 0.85;
    const rw = (0.18 - t * 0.1) * w * c.range(0.6, 1.2);
    c.rect(sunX - rw / 2 + c.range(-0.02, 0.02) * w, y, rw, h * 0.006, sky.sun, { opacity: 0.45 - t * 0.3 });
  }

  // Ripples.
  const ripple = mix(sky.bottom, '#ffffff', 0.4);
  for (let i = 0; i < 18; i++) {
    const x = c.range(0, w);
    const y = c.range(horizon + h * 0.04, h * 0.98);
    const rw = c.range(0.015, 0.04) * w;
    c.path(`M${num(x)} ${num(y)} q${num(rw / 2)} ${num(-h * 0.008)} ${num(rw)} 0`, 'none', {
      stroke: ripple,
      'stroke-width': Math.max(1, h * 0.003),
      opacity: 0.45,
      'stroke-linecap': 'round',
    });
  }

  // Quay with gantry cranes on one side, ship on the other.
  const left = c.chance(0.5);
  const quayTop = h * c.range(0.7, 0.76);
  const qx0 = left ? -w * 0.01 : w * 0.66;
  const qx1 = left ? w * 0.34 : w * 1.01;
  const concrete = mix(hsl(30, 8, 58), sky.dark, sky.mood === 'dusk' ? 0.35 : 0.1);
  c.rect(qx0, quayTop, qx1 - qx0, h - quayTop, concrete);
  c.rect(qx0, quayTop, qx1 - qx0, h * 0.012, mix(concrete, '#ffffff', 0.25));
  const craneColor = hsl(c.pick([8, 24, 42, 200]), 70, 50);
  const craneCount = c.int(2, 3);
  for (let i = 0; i < craneCount; i++) {
    const cx = qx0 + ((i + 0.6) / (craneCount + 0.4)) * (qx1 - qx0);
    const legW = w * 0.05;
    const top = quayTop - h * c.range(0.26, 0.33);
    const sw = Math.max(1.5, w * 0.004);
    c.group(
      { stroke: mix(craneColor, sky.dark, sky.mood === 'dusk' ? 0.4 : 0.1), 'stroke-width': sw, fill: 'none' },
      () => {
        c.el('line', { x1: cx - legW / 2, y1: quayTop, x2: cx - legW / 2, y2: top });
        c.el('line', { x1: cx + legW / 2, y1: quayTop, x2: cx + legW / 2, y2: top });
        c.el('line', {
          x1: cx - legW / 2,
          y1: top + (quayTop - top) * 0.45,
          x2: cx + legW / 2,
          y2: top + (quayTop - top) * 0.45,
        });
        c.el('line', { x1: cx - legW / 2, y1: quayTop, x2: cx + legW / 2, y2: top + (quayTop - top) * 0.45 });
        const reach = left ? w * 0.16 : -w * 0.16;
        const back = left ? -w * 0.05 : w * 0.05;
        c.el('line', {
          x1: cx + back,
          y1: top,
          x2: cx + reach + (left ? legW : -legW),
          y2: top,
          'stroke-width': sw * 2,
        });
        c.el('line', { x1: cx, y1: top - h * 0.06, x2: cx + reach, y2: top });
        c.el('line', { x1: cx, y1: top - h * 0.06, x2: cx + back, y2: top });
      },
    );
    c.rect(cx - legW * 0.3, top - h * 0.025, legW * 0.6, h * 0.03, mix(craneColor, sky.dark, 0.2));
  }

  // Container ship.
  const wl = h * c.range(0.76, 0.8);
  const len = w * c.range(0.4, 0.5);
  const sx = left ? c.range(0.4, 0.48) * w : c.range(0.05, 0.14) * w;
  const deck = wl - h * 0.055;
  const bowRight = left;
  const hull = mix(hsl(c.range(200, 230), 40, 26), sky.dark, 0.2);
  const bowX = bowRight ? sx + len : sx;
  const sternX = bowRight ? sx : sx + len;
  const dir = bowRight ? 1 : -1;
  c.poly(
    [
      [sternX, deck],
      [bowX + dir * w * 0.03, deck - h * 0.01],
      [bowX - dir * w * 0.01, wl + h * 0.02],
      [sternX, wl + h * 0.02],
    ],
    hull,
  );
  c.rect(bowRight ? sx : sx + w * 0.01, wl, len - w * 0.01, h * 0.02, hsl(c.range(350, 365), 55, 38), { opacity: 0.9 });
  const boxes = [
    hsl(c.range(0, 20), 60, 48),
    hsl(c.range(190, 215), 55, 42),
    hsl(c.range(35, 50), 75, 52),
    hsl(c.range(140, 170), 40, 40),
    hsl(0, 0, 90),
  ];
  const cw = w * 0.028;
  const ch = h * 0.026;
  const bridgeW = len * 0.12;
  const startX = bowRight ? sx + bridgeW + w * 0.01 : sx + w * 0.035;
  const stacks = Math.floor((len - bridgeW - w * 0.05) / (cw + 1));
  for (let i = 0; i < stacks; i++) {
    const height = c.int(1, 3);
    for (let k = 0; k < height; k++) {
      c.rect(
        startX + i * (cw + 1),
        deck - (k + 1) * (ch + 1),
        cw,
        ch,
        mix(c.pick(boxes), sky.dark, sky.mood === 'dusk' ? 0.3 : 0),
      );
    }
  }
  const bx = bowRight ? sx + w * 0.005 : sx + len - bridgeW - w * 0.005;
  const bridgeCol = mix('#f2f2ee', sky.dark, sky.mood === 'dusk' ? 0.35 : 0.05);
  c.rect(bx, deck - h * 0.12, bridgeW, h * 0.12, bridgeCol);
  c.rect(bx - bridgeW * 0.15, deck - h * 0.12, bridgeW * 1.3, h * 0.015, bridgeCol);
  c.rect(bx + bridgeW * 0.1, deck - h * 0.105, bridgeW * 0.8, h * 0.012, mix(hsl(210, 30, 25), sky.dark, 0.2));

  // Gulls.
  for (let i = 0, n = c.int(2, 4); i < n; i++) {
    const x = c.range(0.1, 0.9) * w;
    const y = c.range(0.12, 0.4) * h;
    const s = c.range(0.01, 0.02) * w;
    c.path(
      `M${num(x - s)} ${num(y)} q${num(s / 2)} ${num(-s * 0.6)} ${num(s)} 0 q${num(s / 2)} ${num(-s * 0.6)} ${num(s)} 0`,
      'none',
      {
        stroke: sky.dark,
        'stroke-width': Math.max(1, w * 0.0025),
        'stroke-linecap': 'round',
        opacity: 0.7,
      },
    );
  }
};

const mountains = (c: Canvas): void => {
  const { w, h } = c;
  const sky = makeSky(c, ['day', 'morning', 'dusk']);
  drawSky(c, sky, { x: c.range(0.1, 0.9) * w, y: c.range(0.12, 0.3) * h, r: c.m * c.range(0.045, 0.07) }, h * 0.6);

  // One or two snow-capped peaks in the distance.
  const hue = c.range(190, 240);
  const peakBase = h * 0.72;
  for (let p = 0, n = c.int(1, 2); p < n; p++) {
    const px = c.range(0.2, 0.8) * w;
    const py = c.range(0.16, 0.32) * h;
    const half = c.range(0.35, 0.5) * w;
    const col = mix(sky.bottom, hsl(hue, 25, 40), 0.55 + p * 0.1);
    const slope = (side: number): Point[] => {
      const pts: Point[] = [];
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        pts.push([
          px + side * half * t + c.range(-0.01, 0.01) * w,
          py + (peakBase - py) * t + c.range(-0.015, 0.015) * h,
        ]);
      }
      return pts;
    };
    const leftSide = slope(-1).reverse();
    const rightSide = slope(1);
    c.poly([...leftSide, [px, py], ...rightSide, [px + half, h], [px - half, h]], col);
    const capT = c.range(0.22, 0.32);
    const capY = py + (peakBase - py) * capT;
    const cap: Point[] = [[px, py]];
    const teeth = 6;
    for (let i = 0; i <= teeth; i++) {
      const t = i / teeth;
      const x = px + half * capT * (1 - 2 * t);
      cap.push([x, capY + (i % 2 === 0 ? 0 : -h * c.range(0.015, 0.035))]);
    }
    c.poly(cap, mix('#ffffff', sky.bottom, 0.15));
    c.poly(
      [
        [px, py],
        [px + half * capT, capY],
        [px + half * capT * 0.3, capY - h * 0.01],
      ],
      mix('#ffffff', col, 0.3),
      { opacity: 0.6 },
    );
  }

  // Layers of ridges fading into the haze.
  const ridgeHue = c.range(130, 175);
  const layers = 4;
  for (let k = 0; k < layers; k++) {
    const t = k / (layers - 1);
    const base = h * (0.58 + t * 0.22);
    const col = mix(sky.bottom, hsl(ridgeHue + t * 20, 28 + t * 10, 30 - t * 14), 0.35 + t * 0.6);
    c.poly(fillBelow(ridge(c, base, h * (0.06 - t * 0.02), 0.55, 6), h, w), col);
    if (k < layers - 1) {
      c.rect(
        0,
        base - h * 0.02,
        w,
        h * 0.12,
        c.linear([
          [0, '#ffffff', 0],
          [0.6, mix(sky.bottom, '#ffffff', 0.5), 0.35],
          [1, '#ffffff', 0],
        ]),
      );
    }
  }

  const treeCol = mix(hsl(ridgeHue + 10, 35, 16), sky.dark, 0.3);
  for (let i = 0, n = c.int(7, 13); i < n; i++) {
    const x = c.range(-0.02, 1.02) * w;
    pineTree(c, x, h * c.range(0.96, 1.02), h * c.range(0.12, 0.24), treeCol);
  }
};

const chart = (c: Canvas): void => {
  const { w, h, m } = c;
  const hue = c.range(0, 360);
  c.rect(
    0,
    0,
    w,
    h,
    c.linear(
      [
        [0, hsl(hue, 45, 93)],
        [1, hsl(hue + 25, 45, 84)],
      ],
      0,
      0,
      1,
      1,
    ),
  );
  for (let i = 0; i < 4; i++) {
    c.circle(c.range(0, w), c.range(0, h), c.range(0.15, 0.35) * m, hsl(hue + c.range(-30, 30), 55, 78), {
      opacity: 0.35,
    });
  }

  const a1 = hsl(hue + 180, 60, 48);
  const a2 = hsl(hue + 140, 70, 48);
  const a3 = hsl(hue + 40, 80, 58);
  const a4 = hsl(hue + 220, 50, 62);
  const rx = m * 0.025;
  const card = (x: number, y: number, cw: number, ch: number): void => {
    c.rect(x + m * 0.012, y + m * 0.018, cw, ch, '#1a1a2e', { rx, opacity: 0.08 });
    c.rect(x, y, cw, ch, '#ffffff', { rx });
  };

  // Main card: bars with a line series over them.
  const mx = w * 0.06;
  const my = h * 0.1;
  const mw = w * 0.58;
  const mh = h * 0.8;
  card(mx, my, mw, mh);
  c.rect(mx + mw * 0.07, my + mh * 0.08, mw * 0.3, mh * 0.035, hsl(hue, 15, 80), { rx: mh * 0.017 });
  c.rect(mx + mw * 0.07, my + mh * 0.14, mw * 0.18, mh * 0.03, hsl(hue, 15, 88), { rx: mh * 0.015 });
  const px = mx + mw * 0.07;
  const py = my + mh * 0.26;
  const pw = mw * 0.86;
  const ph = mh * 0.62;
  for (let i = 0; i <= 4; i++)
    c.line(px, py + (ph * i) / 4, px + pw, py + (ph * i) / 4, hsl(hue, 20, 90), Math.max(1, m * 0.003));
  const n = c.int(7, 11);
  const slot = pw / n;
  let v = c.range(0.3, 0.6);
  const barFill = c.linear([
    [0, a1],
    [1, mix(a1, '#ffffff', 0.35)],
  ]);
  const line: Point[] = [];
  let u = c.range(0.4, 0.7);
  for (let i = 0; i < n; i++) {
    v = clamp(v + c.range(-0.18, 0.22), 0.15, 0.95);
    const bh = ph * v;
    c.rect(px + i * slot + slot * 0.2, py + ph - bh, slot * 0.6, bh, barFill, { rx: slot * 0.08 });
    u = clamp(u + c.range(-0.2, 0.2), 0.2, 0.95);
    line.push([px + i * slot + slot / 2, py + ph * (1 - u)]);
  }
  const first = line[0] ?? [px, py + ph];
  const last = line[line.length - 1] ?? [px + pw, py + ph];
  c.poly(
    [...line, [last[0], py + ph], [first[0], py + ph]],
    c.linear([
      [0, a2, 0.35],
      [1, a2, 0],
    ]),
  );
  c.el('polyline', {
    points: pointsText(line),
    fill: 'none',
    stroke: a2,
    'stroke-width': m * 0.008,
    'stroke-linejoin': 'round',
    'stroke-linecap': 'round',
  });
  for (const [x, y] of line) c.circle(x, y, m * 0.01, '#ffffff', { stroke: a2, 'stroke-width': m * 0.005 });

  // Side card: donut.
  const sx = w * 0.69;
  const sw = w * 0.25;
  card(sx, h * 0.1, sw, h * 0.38);
  const dcx = sx + sw / 2;
  const dcy = h * 0.1 + h * 0.19;
  const dr = Math.min(sw, h * 0.38) * 0.3;
  const circ = 2 * Math.PI * dr;
  const shares = [c.range(0.3, 0.5), c.range(0.15, 0.3), c.range(0.1, 0.2)];
  const total = shares.reduce((s, x) => s + x, 0) + c.range(0.08, 0.2);
  let offset = 0;
  c.circle(dcx, dcy, dr, 'none', { stroke: hsl(hue, 20, 92), 'stroke-width': dr * 0.45 });
  [a1, a3, a4].forEach((col, i) => {
    const len = ((shares[i] ?? 0) / total) * circ;
    c.circle(dcx, dcy, dr, 'none', {
      stroke: col,
      'stroke-width': dr * 0.45,
      'stroke-dasharray': `${num(Math.max(0, len - 2))} ${num(circ)}`,
      'stroke-dashoffset': num(-offset),
      transform: `rotate(-90 ${num(dcx)} ${num(dcy)})`,
    });
    offset += len;
  });

  // Side card: horizontal bars.
  const by = h * 0.52;
  card(sx, by, sw, h * 0.38);
  const rows = 4;
  for (let i = 0; i < rows; i++) {
    const y = by + h * 0.38 * ((i + 0.7) / (rows + 0.4));
    const tw = sw * 0.76;
    c.rect(sx + sw * 0.12, y, tw, h * 0.03, hsl(hue, 20, 92), { rx: h * 0.015 });
    c.rect(sx + sw * 0.12, y, tw * c.range(0.25, 0.95), h * 0.03, c.pick([a1, a2, a3, a4]), { rx: h * 0.015 });
  }
};

const stadium = (c: Canvas): void => {
  const { w, h, m } = c;
  const sky = makeSky(c, ['night', 'night', 'dusk']);
  drawSky(c, sky, null, h * 0.35);

  const standTop = (x: number): number => h * 0.36 - h * 0.06 * (1 - ((2 * x) / w - 1) ** 2);
  const standBot = (x: number): number => h * 0.62 - h * 0.035 * (1 - ((2 * x) / w - 1) ** 2);
  const xs = Array.from({ length: 33 }, (_, i) => (i / 32) * w);

  // Floodlight masts stand behind the roof.
  const lightXs = c.chance(0.5) ? [0.1, 0.9] : [0.08, 0.34, 0.66, 0.92];
  const mast = mix(sky.dark, '#7a7f8c', 0.35);
  for (const lx of lightXs) {
    const x = lx * w;
    const top = h * c.range(0.07, 0.12);
    c.rect(x - w * 0.004, top, w * 0.008, standTop(x) - top, mast);
    c.ellipse(
      x,
      top + h * 0.02,
      m * 0.28,
      m * 0.2,
      c.radial([
        [0, '#fffbe8', 0.75],
        [0.3, '#fff6d0', 0.25],
        [1, '#fff6d0', 0],
      ]),
    );
    c.rect(x - w * 0.03, top, w * 0.06, h * 0.04, mast, { rx: 2 });
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 2; k++)
        c.rect(x - w * 0.027 + i * w * 0.0138, top + h * 0.004 + k * h * 0.018, w * 0.011, h * 0.014, '#fffbe6');
    }
    c.poly(
      [
        [x - w * 0.02, top + h * 0.04],
        [x + w * 0.02, top + h * 0.04],
        [w * 0.5 + (x - w * 0.5) * 0.3 + w * 0.12, h],
        [w * 0.5 + (x - w * 0.5) * 0.3 - w * 0.12, h],
      ],
      '#fffbe6',
      { opacity: 0.05 },
    );
  }

  // Roof and stands.
  const roof = mix(sky.dark, '#2b2f3d', 0.4);
  c.poly(
    [
      ...xs.map((x): Point => [x, standTop(x) - h * 0.06]),
      ...xs
        .slice()
        .reverse()
        .map((x): Point => [x, standTop(x)]),
    ],
    roof,
  );
  c.poly(
    xs
      .map((x): Point => [x, standTop(x) - h * 0.06])
      .concat([
        [w, standTop(w) - h * 0.055],
        [0, standTop(0) - h * 0.055],
      ]),
    roof,
  );
  const standCol = mix(sky.dark, hsl(c.range(200, 360), 30, 30), 0.5);
  c.poly(
    [
      ...xs.map((x): Point => [x, standTop(x)]),
      ...xs
        .slice()
        .reverse()
        .map((x): Point => [x, standBot(x)]),
    ],
    standCol,
  );
  c.poly(
    xs
      .map((x): Point => [x, standTop(x)])
      .concat(
        xs
          .slice()
          .reverse()
          .map((x): Point => [x, standTop(x) + h * 0.008]),
      ),
    '#fffbe6',
    { opacity: 0.55 },
  );
  const crowd = [
    hsl(c.range(0, 360), 60, 55),
    hsl(c.range(0, 360), 55, 60),
    '#e9e4da',
    hsl(c.range(0, 360), 35, 40),
    '#3a3f52',
  ];
  const dot = w * 0.0055;
  c.group({ opacity: 0.85 }, () => {
    for (let x = dot; x < w; x += dot * 2.2) {
      const top = standTop(x) + h * 0.02;
      const bot = standBot(x) - h * 0.015;
      for (let y = top; y < bot; y += dot * 2.3) {
        if (c.chance(0.82))
          c.el('circle', { cx: x + c.range(-0.3, 0.3) * dot, cy: y, r: dot * 0.8, fill: c.pick(crowd) });
      }
    }
  });
  c.poly(
    xs
      .map((x): Point => [x, standBot(x) - h * 0.006])
      .concat(
        xs
          .slice()
          .reverse()
          .map((x): Point => [x, standBot(x) + h * 0.01]),
      ),
    mix(standCol, '#000000', 0.35),
  );

  // Pitch in perspective, striped.
  const top = h * 0.6;
  const edge = (y: number): [number, number] => {
    const t = (y - top) / (h - top);
    return [w * (0.1 - 0.38 * t), w * (0.9 + 0.38 * t)];
  };
  const grassHue = c.range(105, 135);
  c.poly([...xs.map((x): Point => [x, standBot(x) + h * 0.005]), [w, h], [0, h]], hsl(grassHue, 35, 24));
  const bands = 9;
  for (let i = 0; i < bands; i++) {
    const y0 = top + (h - top) * (i / bands) ** 1.4;
    const y1 = top + (h - top) * ((i + 1) / bands) ** 1.4 + 1;
    const [l0, r0] = edge(y0);
    const [l1, r1] = edge(y1);
    c.poly(
      [
        [l0, y0],
        [r0, y0],
        [r1, y1],
        [l1, y1],
      ],
      hsl(grassHue, 45, i % 2 === 0 ? 33 : 38),
    );
  }
  const lineAttrs = { stroke: '#ffffff', 'stroke-width': Math.max(1.5, m * 0.006), fill: 'none', opacity: 0.8 };
  const [tl, tr] = edge(top + h * 0.015);
  const mid = top + (h - top) * 0.45;
  const [ml, mr] = edge(mid);
  c.group(lineAttrs, () => {
    c.el('polyline', {
      points: pointsText([
        [ml, mid],
        [tl, top + h * 0.015],
        [tr, top + h * 0.015],
        [mr, mid],
      ]),
    });
    c.el('line', { x1: ml, y1: mid, x2: mr, y2: mid });
    c.el('ellipse', { cx: w / 2, cy: mid, rx: w * 0.1, ry: h * 0.045 });
    const [bl, br] = edge(top + h * 0.015);
    const bw = (br - bl) * 0.22;
    c.el('polyline', {
      points: pointsText([
        [w / 2 - bw, top + h * 0.015],
        [w / 2 - bw * 1.05, top + h * 0.06],
        [w / 2 + bw * 1.05, top + h * 0.06],
        [w / 2 + bw, top + h * 0.015],
      ]),
    });
  });
  c.circle(w / 2, mid, m * 0.008, '#ffffff', { opacity: 0.9 });
};

const riceField = (c: Canvas): void => {
  const { w, h } = c;
  const sky = makeSky(c, ['day', 'morning', 'morning', 'dusk']);
  drawSky(c, sky, { x: c.range(0.1, 0.9) * w, y: c.range(0.1, 0.26) * h, r: c.m * c.range(0.045, 0.065) }, h * 0.45);

  const blue = hsl(c.range(200, 230), 25, 45);
  c.poly(fillBelow(ridge(c, h * 0.36, h * 0.07, 0.55, 6), h, w), mix(sky.bottom, blue, 0.45));
  c.poly(fillBelow(ridge(c, h * 0.44, h * 0.05, 0.55, 6), h, w), mix(sky.bottom, blue, 0.7));

  const grassHue = c.range(80, 110);
  const forest = mix(hsl(grassHue + 30, 35, 24), sky.dark, sky.mood === 'dusk' ? 0.4 : 0.1);
  c.poly(fillBelow(ridge(c, h * 0.5, h * 0.015, 0.5, 5), h, w), forest);
  for (let i = 0; i < 22; i++) c.circle(c.range(0, w), h * c.range(0.49, 0.51), c.range(0.012, 0.028) * w, forest);

  const water = mix(sky.mid, '#ffffff', 0.2);
  const bands = c.int(6, 8);
  const phase = c.range(0, Math.PI * 2);
  const freq = (c.range(1.5, 3) * Math.PI) / w;
  let houseDrawn = false;
  for (let k = 0; k < bands; k++) {
    const t = k / bands;
    const y = h * (0.52 + 0.48 * t ** 1.25);
    const amp = h * (0.008 + 0.025 * t);
    const edgePts: Point[] = [];
    for (let i = 0; i <= 40; i++) {
      const x = (i / 40) * w * 1.02 - w * 0.01;
      edgePts.push([x, y + amp * Math.sin(freq * x + phase + k * 0.7)]);
    }
    const flooded = k % 2 === 1 || c.chance(0.25);
    const fill = flooded
      ? c.linear([
          [0, mix(water, sky.top, 0.2)],
          [1, water],
        ])
      : hsl(grassHue + c.range(-8, 8), 50 + t * 10, 38 + t * 6);
    c.poly(fillBelow(edgePts, h, w), fill);
    c.el('polyline', {
      points: pointsText(edgePts),
      fill: 'none',
      stroke: hsl(grassHue + 10, 40, 28 + t * 6),
      'stroke-width': Math.max(1.5, h * (0.004 + 0.006 * t)),
    });
    if (flooded) {
      const rowGap = w * (0.012 + 0.02 * t);
      const tuft = h * (0.008 + 0.02 * t);
      const nextY = h * (0.52 + 0.48 * ((k + 1) / bands) ** 1.25);
      c.group(
        {
          stroke: hsl(grassHue + 5, 55, 36 + t * 8),
          'stroke-width': Math.max(1, w * 0.002 * (1 + t)),
          'stroke-linecap': 'round',
        },
        () => {
          for (let row = 1; row <= 2; row++) {
            for (let x = c.range(0, rowGap); x < w; x += rowGap) {
              const yy = y + amp * Math.sin(freq * x + phase + k * 0.7) + (nextY - y) * (row / 3) + tuft;
              c.el('line', { x1: x, y1: yy, x2: x - tuft * 0.3, y2: yy - tuft });
              c.el('line', { x1: x, y1: yy, x2: x + tuft * 0.3, y2: yy - tuft });
            }
          }
        },
      );
    } else if (!houseDrawn && k >= 1 && k <= 3) {
      houseDrawn = true;
      const hx = c.range(0.1, 0.8) * w;
      const hy = y + amp * Math.sin(freq * hx + phase + k * 0.7) + h * 0.01;
      const hw = w * (0.05 + 0.03 * t);
      const hh = hw * 0.55;
      c.rect(hx, hy - hh, hw, hh, mix('#efe6d2', sky.dark, sky.mood === 'dusk' ? 0.3 : 0));
      c.rect(hx + hw * 0.6, hy - hh * 0.65, hw * 0.22, hh * 0.65, mix('#6b4b34', sky.dark, 0.2));
      c.poly(
        [
          [hx - hw * 0.12, hy - hh],
          [hx + hw * 0.2, hy - hh * 1.75],
          [hx + hw * 0.8, hy - hh * 1.75],
          [hx + hw * 1.12, hy - hh],
        ],
        mix(hsl(c.range(190, 220), 20, 30), sky.dark, 0.2),
      );
      roundTree(c, hx + hw * 1.5, hy, hw * 0.35, forest);
    }
  }
};

const train = (c: Canvas): void => {
  const { w, h, m } = c;
  const sky = makeSky(c, ['day', 'day', 'morning', 'dusk']);
  drawSky(c, sky, { x: c.range(0.1, 0.9) * w, y: c.range(0.1, 0.22) * h, r: m * c.range(0.04, 0.06) }, h * 0.5);

  // A lone volcanic cone in the distance.
  const px = c.range(0.25, 0.75) * w;
  const py = h * c.range(0.18, 0.26);
  const base = h * 0.62;
  const half = w * c.range(0.3, 0.42);
  const cone = mix(sky.bottom, hsl(c.range(205, 235), 30, 42), 0.6);
  const cw = w * 0.025;
  c.path(
    `M${num(px - half)} ${num(base)} Q${num(px - half * 0.35)} ${num(py + (base - py) * 0.35)} ${num(px - cw)} ${num(py)} L${num(px + cw)} ${num(py)} Q${num(px + half * 0.35)} ${num(py + (base - py) * 0.35)} ${num(px + half)} ${num(base)} Z`,
    cone,
  );
  const capY = py + (base - py) * 0.3;
  const capX = half * 0.2;
  const snow: Point[] = [
    [px - cw, py],
    [px + cw, py],
    [px + capX, capY],
  ];
  for (let i = 1; i < 6; i++)
    snow.push([px + capX - (2 * capX * i) / 6, capY + (i % 2 === 1 ? -h * 0.025 : h * 0.005)]);
  snow.push([px - capX, capY]);
  c.poly(snow, mix('#ffffff', sky.bottom, 0.12));

  const green = c.range(85, 125);
  c.poly(fillBelow(ridge(c, h * 0.6, h * 0.03, 0.5, 5), h, w), mix(sky.bottom, hsl(green + 20, 35, 36), 0.7));
  c.rect(
    0,
    h * 0.66,
    w,
    h * 0.34,
    c.linear([
      [0, hsl(green, 45, 44)],
      [1, hsl(green - 10, 50, 32)],
    ]),
  );
  for (let i = 0; i < 10; i++)
    roundTree(c, c.range(0, w), h * c.range(0.75, 0.98), m * c.range(0.03, 0.05), hsl(green + 15, 40, 26));

  // Viaduct, catenary and the train.
  const deckTop = h * 0.6;
  const deckH = h * 0.035;
  const concrete = mix('#c9c6be', sky.dark, sky.mood === 'dusk' ? 0.35 : 0.05);
  for (let x = w * c.range(0.02, 0.08); x < w; x += w * 0.12) {
    c.rect(x, deckTop + deckH, w * 0.025, h * 0.26, mix(concrete, sky.dark, 0.15));
  }
  c.rect(-1, deckTop, w + 2, deckH, concrete);
  c.rect(-1, deckTop + deckH * 0.7, w + 2, deckH * 0.3, mix(concrete, sky.dark, 0.25));
  const poleCol = mix('#5b6270', sky.dark, 0.2);
  const wireY = deckTop - h * 0.16;
  for (let x = w * c.range(0.05, 0.15); x < w; x += w * 0.22) {
    c.rect(x, wireY - h * 0.01, w * 0.005, deckTop - wireY + h * 0.01, poleCol);
    c.rect(x - w * 0.02, wireY, w * 0.03, h * 0.005, poleCol);
  }
  c.line(0, wireY + h * 0.01, w, wireY + h * 0.01, poleCol, Math.max(1, h * 0.002));

  const th = h * 0.085;
  const yb = deckTop - h * 0.004;
  const x0 = -w * 0.05;
  const xn = w * c.range(0.56, 0.72);
  const nl = w * c.range(0.16, 0.22);
  const body = `M${num(x0)} ${num(yb)} L${num(xn + nl)} ${num(yb)} C${num(xn + nl + w * 0.01)} ${num(yb - th * 0.25)} ${num(xn + nl * 0.55)} ${num(yb - th)} ${num(xn)} ${num(yb - th)} L${num(x0)} ${num(yb - th)} Z`;
  const clip = c.clip(`<path d="${body}"/>`);
  const white = mix('#f6f7f9', sky.dark, sky.mood === 'dusk' ? 0.25 : 0);
  c.path(
    body,
    c.linear([
      [0, white],
      [0.7, white],
      [1, mix(white, '#8a93a3', 0.35)],
    ]),
  );
  const accent = hsl(c.pick([210, 0, 150, 25, 280]), 65, 42);
  c.group({ 'clip-path': clip }, () => {
    c.rect(x0, yb - th * 0.3, xn + nl - x0, th * 0.14, accent);
    c.rect(x0, yb - th * 0.14, xn + nl - x0, th * 0.05, mix(accent, '#ffffff', 0.4));
    c.rect(x0, yb - th * 0.72, xn - x0 - w * 0.01, th * 0.2, hsl(215, 30, 22), { rx: th * 0.06 });
    for (let x = xn - w * 0.2; x > x0; x -= w * 0.2) c.rect(x, yb - th, w * 0.003, th, mix(white, '#6f7787', 0.4));
    c.path(
      `M${num(xn - w * 0.004)} ${num(yb - th * 0.92)} C${num(xn + nl * 0.2)} ${num(yb - th * 0.92)} ${num(xn + nl * 0.42)} ${num(yb - th * 0.7)} ${num(xn + nl * 0.5)} ${num(yb - th * 0.5)} L${num(xn - w * 0.004)} ${num(yb - th * 0.5)} Z`,
      hsl(215, 35, 20),
    );
  });
  c.rect(x0, yb, xn + nl * 0.9 - x0, h * 0.008, hsl(215, 15, 25));
  c.group(
    { stroke: '#ffffff', 'stroke-width': Math.max(1, h * 0.003), 'stroke-linecap': 'round', opacity: 0.7 },
    () => {
      for (let i = 0; i < 7; i++) {
        const y = yb - th * c.range(-0.3, 1.3);
        const x = c.range(-0.05, 0.4) * w;
        c.el('line', { x1: x, y1: y, x2: x + c.range(0.05, 0.15) * w, y2: y });
      }
    },
  );
};

const parliament = (c: Canvas): void => {
  const { w, h } = c;
  const sky = makeSky(c, ['day', 'day', 'morning', 'dusk']);
  drawSky(c, sky, { x: c.range(0.08, 0.92) * w, y: c.range(0.1, 0.22) * h, r: c.m * c.range(0.035, 0.055) }, h * 0.5);

  const ground = h * 0.76;
  const grassHue = c.range(90, 125);
  c.rect(
    0,
    ground,
    w,
    h - ground,
    c.linear([
      [0, hsl(grassHue, 40, 42)],
      [1, hsl(grassHue, 45, 30)],
    ]),
  );

  const stoneHue = c.range(25, 45);
  const dim = sky.mood === 'dusk' ? 0.3 : 0;
  const stone = mix(hsl(stoneHue, 20, 80), sky.dark, dim);
  const shade = mix(hsl(stoneHue, 15, 64), sky.dark, dim);
  const winCol = mix(hsl(215, 25, 35), sky.dark, dim);
  const cx = w / 2;
  const windows = (x0: number, x1: number, y0: number, y1: number, rows: number): void => {
    const ww = w * 0.012;
    const n = Math.floor((x1 - x0) / (ww * 2.2));
    const pad = (x1 - x0 - (n - 1) * ww * 2.2 - ww) / 2;
    const rh = (y1 - y0) / rows;
    c.group({ fill: winCol }, () => {
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < n; i++)
          c.el('rect', { x: x0 + pad + i * ww * 2.2, y: y0 + r * rh + rh * 0.22, width: ww, height: rh * 0.56 });
      }
    });
  };

  // Wings and end pavilions.
  const wingTop = h * 0.53;
  c.rect(w * 0.13, wingTop, w * 0.74, ground - wingTop, stone);
  c.rect(w * 0.13, wingTop - h * 0.012, w * 0.74, h * 0.014, shade);
  windows(w * 0.2, w * 0.38, wingTop + h * 0.02, ground - h * 0.02, 3);
  windows(w * 0.62, w * 0.8, wingTop + h * 0.02, ground - h * 0.02, 3);
  for (const x of [w * 0.1, w * 0.8]) {
    c.rect(x, wingTop - h * 0.05, w * 0.1, ground - wingTop + h * 0.05, stone);
    c.rect(x - w * 0.005, wingTop - h * 0.062, w * 0.11, h * 0.014, shade);
    windows(x + w * 0.01, x + w * 0.09, wingTop - h * 0.03, ground - h * 0.02, 3);
  }

  // Central block with columns, tower and stepped pyramid roof.
  const blockTop = h * 0.44;
  c.rect(cx - w * 0.12, blockTop, w * 0.24, ground - blockTop, stone);
  c.rect(cx - w * 0.125, blockTop - h * 0.012, w * 0.25, h * 0.014, shade);
  c.rect(cx - w * 0.1, blockTop + h * 0.07, w * 0.2, ground - blockTop - h * 0.07, mix(shade, winCol, 0.5));
  const cols = 8;
  for (let i = 0; i < cols; i++) {
    c.rect(
      cx - w * 0.1 + (i * w * 0.2) / (cols - 1) - w * 0.006,
      blockTop + h * 0.06,
      w * 0.012,
      ground - blockTop - h * 0.06,
      stone,
    );
  }
  c.poly(
    [
      [cx - w * 0.105, blockTop + h * 0.07],
      [cx, blockTop + h * 0.015],
      [cx + w * 0.105, blockTop + h * 0.07],
    ],
    shade,
  );
  const towerTop = h * c.range(0.26, 0.3);
  c.rect(cx - w * 0.045, towerTop, w * 0.09, blockTop - towerTop, stone);
  c.rect(cx - w * 0.045, towerTop, w * 0.015, blockTop - towerTop, shade, { opacity: 0.6 });
  windows(cx - w * 0.03, cx + w * 0.03, towerTop + h * 0.02, blockTop - h * 0.01, 3);
  let stepW = w * 0.1;
  let stepY = towerTop;
  for (let i = 0; i < 4; i++) {
    const sh = h * 0.018;
    c.rect(cx - stepW / 2, stepY - sh, stepW, sh, i % 2 === 0 ? shade : stone);
    stepY -= sh;
    stepW *= 0.78;
  }
  c.poly(
    [
      [cx - stepW / 2, stepY],
      [cx, stepY - h * 0.06],
      [cx + stepW / 2, stepY],
    ],
    shade,
  );
  c.line(cx, stepY - h * 0.06, cx, stepY - h * 0.09, shade, Math.max(1, w * 0.002));

  // Steps, forecourt and trees.
  for (let i = 0; i < 3; i++)
    c.rect(
      cx - w * (0.11 + i * 0.015),
      ground + i * h * 0.01,
      w * (0.22 + i * 0.03),
      h * 0.01,
      i % 2 === 0 ? shade : stone,
    );
  c.poly(
    [
      [cx - w * 0.155, ground + h * 0.03],
      [cx + w * 0.155, ground + h * 0.03],
      [cx + w * 0.4, h],
      [cx - w * 0.4, h],
    ],
    mix(stone, '#ffffff', 0.15),
  );
  const tree = mix(hsl(grassHue + 15, 40, 28), sky.dark, dim);
  for (let i = 0; i < 6; i++) {
    const side = i % 2 === 0 ? -1 : 1;
    const x = cx + side * w * c.range(0.2, 0.5);
    roundTree(c, x, h * c.range(0.8, 0.97), c.m * c.range(0.045, 0.07), mix(tree, '#000000', c.range(0, 0.15)));
  }
};

const laboratory = (c: Canvas): void => {
  const { w, h, m } = c;
  const hue = c.pick([170, 190, 205, 225, 260, 30]);
  c.rect(
    0,
    0,
    w,
    h,
    c.linear([
      [0, hsl(hue, 35, 90)],
      [1, hsl(hue + 15, 30, 78)],
    ]),
  );
  c.group({ stroke: hsl(hue, 25, 82), 'stroke-width': 1, opacity: 0.7 }, () => {
    for (let y = h * 0.08; y < h * 0.7; y += h * 0.08) c.el('line', { x1: 0, y1: y, x2: w, y2: y });
  });
  const accents = [hsl(hue + 150, 70, 52), hsl(hue + 190, 75, 55), hsl(hue + 90, 60, 48), hsl(hue - 40, 70, 58)];

  // Shelf with jars.
  const shelfY = h * 0.3;
  c.rect(w * 0.05, shelfY, w * 0.45, h * 0.015, hsl(hue, 20, 45));
  for (let x = w * 0.07; x < w * 0.47; x += w * c.range(0.05, 0.08)) {
    const jh = h * c.range(0.07, 0.12);
    const jw = w * c.range(0.025, 0.04);
    c.rect(x, shelfY - jh, jw, jh, c.pick(accents), { rx: jw * 0.15, opacity: 0.8 });
    c.rect(x - jw * 0.05, shelfY - jh - h * 0.012, jw * 1.1, h * 0.014, hsl(hue, 15, 30), { rx: 2 });
  }

  // Molecule diagram on the wall.
  const mx = w * c.range(0.65, 0.8);
  const my = h * c.range(0.22, 0.3);
  const mr = m * c.range(0.09, 0.12);
  const atoms: Point[] = Array.from({ length: 6 }, (_, i): Point => [
    mx + mr * Math.cos((Math.PI / 3) * i),
    my + mr * Math.sin((Math.PI / 3) * i),
  ]);
  const bondCol = hsl(hue, 30, 45);
  c.group({ stroke: bondCol, 'stroke-width': m * 0.006, opacity: 0.75 }, () => {
    atoms.forEach(([x, y], i) => {
      const [nx, ny] = atoms[(i + 1) % 6] ?? [x, y];
      c.el('line', { x1: x, y1: y, x2: nx, y2: ny });
      if (i % 2 === 0) c.el('line', { x1: x, y1: y, x2: mx + (x - mx) * 1.8, y2: my + (y - my) * 1.8 });
    });
  });
  atoms.forEach(([x, y], i) => {
    c.circle(x, y, m * 0.022, accents[i % 3] ?? bondCol);
    if (i % 2 === 0) c.circle(mx + (x - mx) * 1.8, my + (y - my) * 1.8, m * 0.015, accents[3] ?? bondCol);
  });

  // Bench.
  const bench = h * 0.72;
  c.rect(0, bench + h * 0.03, w, h - bench, hsl(hue, 18, 38));
  for (let x = w * 0.02; x < w; x += w * 0.25) {
    c.rect(x, bench + h * 0.07, w * 0.22, h * 0.24, hsl(hue, 18, 44), { rx: 4 });
    c.rect(x + w * 0.09, bench + h * 0.1, w * 0.04, h * 0.012, hsl(hue, 15, 70), { rx: 2 });
  }
  c.rect(-1, bench, w + 2, h * 0.035, hsl(hue, 15, 22));

  const glass = '#ffffff';
  const outline = hsl(hue, 25, 45);
  const lw = Math.max(1.5, m * 0.005);
  const bubbles = (x: number, y0: number, y1: number, col: string): void => {
    for (let i = 0; i < 4; i++)
      c.circle(x + c.range(-0.015, 0.015) * w, c.range(y1, y0), m * c.range(0.005, 0.012), mix(col, '#ffffff', 0.5), {
        opacity: 0.8,
      });
  };
  const slots = [0.12, 0.32, 0.52, 0.74].map((s) => s + c.range(-0.02, 0.02));
  const kinds = ['conical', 'round', 'tubes', 'beaker'];
  for (let i = kinds.length - 1; i > 0; i--) {
    const k = Math.floor(c.rnd() * (i + 1));
    [kinds[i], kinds[k]] = [kinds[k] as string, kinds[i] as string];
  }
  kinds.forEach((kind, i) => {
    const x = (slots[i] ?? 0.5) * w;
    const col = accents[i % accents.length] ?? '#3399cc';
    const level = c.range(0.35, 0.65);
    if (kind === 'conical') {
      const bw = w * 0.13;
      const bh = h * 0.2;
      const neckW = w * 0.03;
      const shape: Point[] = [
        [x - neckW / 2, bench - bh - h * 0.08],
        [x + neckW / 2, bench - bh - h * 0.08],
        [x + neckW / 2, bench - bh],
        [x + bw / 2, bench],
        [x - bw / 2, bench],
        [x - neckW / 2, bench - bh],
      ];
      const clip = c.clip(`<polygon points="${pointsText(shape)}"/>`);
      c.poly(shape, glass, { opacity: 0.45 });
      c.group({ 'clip-path': clip }, () => c.rect(x - bw, bench - bh * level, bw * 2, bh, col));
      c.poly(shape, 'none', { stroke: outline, 'stroke-width': lw, 'stroke-linejoin': 'round' });
      bubbles(x, bench - h * 0.02, bench - bh * level, col);
    } else if (kind === 'round') {
      const r = m * 0.1;
      const cy = bench - r;
      const neck = `<rect x="${num(x - w * 0.014)}" y="${num(cy - r - h * 0.12)}" width="${num(w * 0.028)}" height="${num(h * 0.13)}"/>`;
      const ball = `<circle cx="${num(x)}" cy="${num(cy)}" r="${num(r)}"/>`;
      const clip = c.clip(ball + neck);
      c.group({ fill: glass, opacity: 0.45 }, () => c.raw(ball + neck));
      c.group({ 'clip-path': clip }, () => c.rect(x - r, cy + r - 2 * r * level, 2 * r, 2 * r, col));
      c.group({ fill: 'none', stroke: outline, 'stroke-width': lw }, () => c.raw(ball + neck));
      c.rect(x - r * 0.9, bench - h * 0.01, r * 1.8, h * 0.012, hsl(hue, 15, 30));
      bubbles(x, bench - h * 0.03, cy + r - 2 * r * level, col);
    } else if (kind === 'tubes') {
      const rw = w * 0.14;
      const th = h * 0.2;
      for (let t = 0; t < 4; t++) {
        const tx = x - rw / 2 + (t + 0.5) * (rw / 4);
        const tw = rw * 0.12;
        const tube = `<rect x="${num(tx - tw / 2)}" y="${num(bench - th)}" width="${num(tw)}" height="${num(th * 0.95)}" rx="${num(tw / 2)}"/>`;
        const clip = c.clip(tube);
        c.group({ fill: glass, opacity: 0.5 }, () => c.raw(tube));
        c.group({ 'clip-path': clip }, () =>
          c.rect(tx - tw, bench - th * c.range(0.3, 0.6), tw * 2, th, accents[(i + t) % accents.length] ?? col),
        );
        c.group({ fill: 'none', stroke: outline, 'stroke-width': lw * 0.8 }, () => c.raw(tube));
      }
      c.rect(x - rw / 2 - w * 0.01, bench - th * 0.45, rw + w * 0.02, h * 0.02, hsl(hue, 20, 35), { rx: 3 });
      c.rect(x - rw / 2 - w * 0.01, bench - h * 0.02, rw + w * 0.02, h * 0.02, hsl(hue, 20, 35), { rx: 3 });
      c.rect(x - rw / 2 - w * 0.008, bench - th * 0.45, w * 0.008, th * 0.45, hsl(hue, 20, 35));
      c.rect(x + rw / 2, bench - th * 0.45, w * 0.008, th * 0.45, hsl(hue, 20, 35));
    } else {
      const bw = w * 0.1;
      const bh = h * 0.17;
      const shape = `<rect x="${num(x - bw / 2)}" y="${num(bench - bh)}" width="${num(bw)}" height="${num(bh)}" rx="${num(bw * 0.06)}"/>`;
      const clip = c.clip(shape);
      c.group({ fill: glass, opacity: 0.45 }, () => c.raw(shape));
      c.group({ 'clip-path': clip }, () => c.rect(x - bw, bench - bh * level, bw * 2, bh, col));
      c.group({ fill: 'none', stroke: outline, 'stroke-width': lw }, () => c.raw(shape));
      c.group({ stroke: outline, 'stroke-width': lw * 0.7, opacity: 0.7 }, () => {
        for (let k = 1; k < 4; k++)
          c.el('line', { x1: x - bw / 2, y1: bench - (bh * k) / 4, x2: x - bw / 4, y2: bench - (bh * k) / 4 });
      });
      bubbles(x, bench - h * 0.02, bench - bh * level, col);
    }
  });
};

const festival = (c: Canvas): void => {
  const { w, h, m } = c;
  const sky = makeSky(c, ['dusk', 'night', 'night']);
  drawSky(c, sky, null, h * 0.5);

  // Fireworks.
  for (let f = 0, n = c.int(2, 3); f < n; f++) {
    const fx = c.range(0.12, 0.88) * w;
    const fy = c.range(0.12, 0.32) * h;
    const r = m * c.range(0.1, 0.18);
    const col = hsl(c.range(0, 360), 85, 68);
    const inner = hsl(c.range(0, 360), 85, 75);
    const rays = c.int(18, 28);
    c.circle(
      fx,
      fy,
      r * 1.3,
      c.radial([
        [0, col, 0.25],
        [1, col, 0],
      ]),
    );
    c.group({ stroke: col, 'stroke-width': Math.max(1, m * 0.004), 'stroke-linecap': 'round' }, () => {
      for (let i = 0; i < rays; i++) {
        const a = (i / rays) * Math.PI * 2 + c.range(-0.05, 0.05);
        const r0 = r * 0.35;
        const r1 = r * c.range(0.85, 1.05);
        c.el('line', {
          x1: fx + Math.cos(a) * r0,
          y1: fy + Math.sin(a) * r0,
          x2: fx + Math.cos(a) * r1,
          y2: fy + Math.sin(a) * r1,
        });
      }
    });
    for (let i = 0; i < rays; i++) {
      const a = ((i + 0.5) / rays) * Math.PI * 2;
      c.circle(fx + Math.cos(a) * r * 0.55, fy + Math.sin(a) * r * 0.55, m * 0.005, inner);
    }
  }

  // Hills and temple roofline behind the stalls.
  c.poly(fillBelow(ridge(c, h * 0.6, h * 0.04, 0.5, 5), h, w), mix(sky.dark, sky.mid, 0.25));
  const tx = c.range(0.2, 0.8) * w;
  const roofCol = mix(sky.dark, '#000000', 0.2);
  c.rect(tx - w * 0.08, h * 0.5, w * 0.16, h * 0.15, roofCol);
  c.path(
    `M${num(tx - w * 0.14)} ${num(h * 0.52)} Q${num(tx - w * 0.06)} ${num(h * 0.5)} ${num(tx)} ${num(h * 0.43)} Q${num(tx + w * 0.06)} ${num(h * 0.5)} ${num(tx + w * 0.14)} ${num(h * 0.52)} Z`,
    roofCol,
  );

  // Stalls with striped awnings.
  const stalls = c.int(4, 5);
  const sw = w / stalls;
  const awnTop = h * 0.64;
  const awnBot = h * 0.71;
  for (let s = 0; s < stalls; s++) {
    const x = s * sw + sw * 0.04;
    const bw = sw * 0.92;
    c.rect(x, awnBot, bw, h - awnBot, mix(hsl(20, 35, 22), sky.dark, 0.3));
    c.rect(
      x + bw * 0.06,
      awnBot + h * 0.02,
      bw * 0.88,
      h * 0.12,
      c.linear([
        [0, sky.lamp],
        [1, hsl(25, 90, 55)],
      ]),
    );
    c.rect(x + bw * 0.04, awnBot + h * 0.14, bw * 0.92, h * 0.02, mix(hsl(25, 40, 30), sky.dark, 0.2));
    const a = hsl(c.pick([0, 205, 350, 140, 30]), 70, 48);
    const stripes = 6;
    for (let k = 0; k < stripes; k++) {
      const t0 = k / stripes;
      const t1 = (k + 1) / stripes;
      const col = k % 2 === 0 ? a : '#f4efe6';
      c.poly(
        [
          [x + bw * (0.06 + 0.88 * t0), awnTop],
          [x + bw * (0.06 + 0.88 * t1), awnTop],
          [x + bw * t1, awnBot],
          [x + bw * t0, awnBot],
        ],
        col,
      );
      c.circle(x + (bw * (t0 + t1)) / 2, awnBot, bw / stripes / 2, col);
    }
  }

  // Lantern strings.
  const lanternCols = [hsl(c.range(0, 12), 80, 52), hsl(c.range(25, 40), 90, 58), '#f7efe0'];
  for (let sIdx = 0; sIdx < 2; sIdx++) {
    const y0 = h * (0.1 + sIdx * 0.2) + c.range(-0.03, 0.03) * h;
    const sag = h * c.range(0.08, 0.16);
    const ctrlY = y0 + sag * 2;
    c.path(`M0 ${num(y0)} Q${num(w / 2)} ${num(ctrlY)} ${num(w)} ${num(y0)}`, 'none', {
      stroke: sky.dark,
      'stroke-width': Math.max(1, h * 0.003),
    });
    const count = c.int(7, 11);
    for (let i = 1; i < count; i++) {
      const t = i / count;
      const lx = w * t;
      const ly = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * ctrlY + t ** 2 * y0;
      const rx = m * 0.028;
      const ry = m * 0.04;
      const col = c.pick(lanternCols);
      c.circle(
        lx,
        ly + ry * 1.2,
        ry * 2.4,
        c.radial([
          [0, sky.lamp, 0.45],
          [1, sky.lamp, 0],
        ]),
      );
      c.line(lx, ly, lx, ly + ry * 0.3, sky.dark, 1);
      c.rect(lx - rx * 0.55, ly + ry * 0.25, rx * 1.1, ry * 0.25, '#2a1c16');
      c.ellipse(lx, ly + ry * 1.3, rx, ry, col);
      c.ellipse(lx, ly + ry * 1.3, rx * 0.5, ry, '#ffffff', { opacity: 0.18 });
      c.rect(lx - rx * 0.55, ly + ry * 2.15, rx * 1.1, ry * 0.25, '#2a1c16');
    }
  }

  // Crowd silhouettes in front.
  const people = mix(sky.dark, '#000000', 0.2);
  for (let i = 0; i < 16; i++) {
    const px = c.range(-0.02, 1.02) * w;
    const s = m * c.range(0.035, 0.05);
    const py = h - s * c.range(0.6, 1.6);
    c.ellipse(px, py + s * 1.3, s * 0.85, s * 0.9, people);
    c.circle(px, py, s * 0.45, people);
  }
};

const SCENES: Record<IllustrationScene, (c: Canvas) => void> = {
  skyline,
  harbour,
  mountains,
  chart,
  stadium,
  'rice-field': riceField,
  train,
  parliament,
  laboratory,
  festival,
};

/**
 * A self-contained SVG document illustrating `scene` at `width` x `height` pixels. The same
 * scene, seed and size always give the same document.
 */
export const illustrationSvg = (scene: IllustrationScene, seed: string, width: number, height: number): string => {
  const w = Math.max(16, Math.round(width));
  const h = Math.max(16, Math.round(height));
  const canvas = new Canvas(w, h, mulberry32(hashString(`${scene}:${seed}`)));
  SCENES[scene](canvas);
  return canvas.toString();
};

import type { Rng } from './prng.js';
import { encode } from './values.js';

/** A form's fields as they will be sent: text values (a name may repeat) and files. */
export interface FormPayload {
  fields: [string, string][];
  files: { field: string; name: string; type: string; bytes: Buffer }[];
}

/** A body ready for inject: bytes and the content type it claims (which may be a lie). */
export interface EncodedBody {
  payload: string | Buffer;
  contentType: string | null;
}

export const urlencoded = (form: FormPayload): EncodedBody => ({
  payload: form.fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'),
  contentType: 'application/x-www-form-urlencoded',
});

const quoteName = (name: string): string => name.replace(/["\r\n]/g, '_');

export const multipart = (rng: Rng, form: FormPayload): EncodedBody => {
  const boundary = `----fuzz${rng.int(0, 1e9).toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of form.fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(k)}"\r\n\r\n${v}\r\n`));
  }
  for (const f of form.files) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(f.field)}"; filename="${quoteName(f.name)}"\r\nContent-Type: ${f.type}\r\n\r\n`;
    parts.push(Buffer.from(head), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(parts);
  // A body cut short in transfer: the closing boundary (and maybe more) never arrives.
  if (rng.chance(0.05)) payload = payload.subarray(0, rng.int(0, payload.length - 1));
  const type = rng.chance(0.04) ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`;
  return { payload, contentType: type };
};

/** The form as JSON: an object of its fields, sometimes with lists and numbers where strings belong. */
export const jsonForm = (rng: Rng, form: FormPayload): EncodedBody => {
  const obj: Record<string, unknown> = {};
  for (const [k, v] of form.fields) {
    obj[k] = rng.weighted<() => unknown>([
      [8, () => v],
      [1, () => [v, v]],
      [1, () => (rng.chance(0.5) ? Number(v) || 7 : { value: v })],
      [1, () => (rng.chance(0.5) ? null : true)],
    ])();
  }
  return { payload: JSON.stringify(obj), contentType: 'application/json' };
};

const JSON_BODIES = [
  '',
  'null',
  '[]',
  '{}',
  '"text"',
  '42',
  '{"a":',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  '{"a":1e400}',
  '\ufeff{}',
];

/** A body that is not what any route expects, under a content type that may or may not say so. */
export const garbageBody = (rng: Rng): EncodedBody =>
  rng.weighted<() => EncodedBody>([
    [3, () => ({ payload: rng.pick(JSON_BODIES), contentType: 'application/json' })],
    [2, () => ({ payload: rng.bytes(rng.int(0, 4096)), contentType: rng.pick(CONTENT_TYPES) })],
    [1, () => ({ payload: 'a=1&a=2&a[b]=3&=4&&%ZZ=5', contentType: 'application/x-www-form-urlencoded' })],
    [
      1,
      () => ({ payload: 'x'.repeat(rng.pick([65_537, 1_048_577, 2_000_000])), contentType: rng.pick(CONTENT_TYPES) }),
    ],
    [1, () => ({ payload: '<?xml version="1.0"?><a>&lt;</a>', contentType: 'application/xml' })],
    [
      1,
      () => ({
        payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
        contentType: 'multipart/form-data; boundary=x',
      }),
    ],
  ])();

/** Content types a client may claim, true or not. */
export const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=latin1',
  'multipart/form-data; boundary=nope',
  'multipart/form-data',
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'text/plain;charset=UTF-8',
  'image/png',
  'application/octet-stream',
  'application/xml',
  '*/*',
  'garbage',
  ';;;',
];

import multipart from '@fastify/multipart';
import type { FastifyPluginCallback } from 'fastify';

/**
 * @fastify/multipart, registered without loading Node's fetch implementation (undici) at start.
 *
 * The plugin asks `globalThis.FormData` whether to add `req.formData()`. In Node that global is a lazy getter which
 * loads all of undici the first time it is read: 85-100 ms of a cold start's CPU on a loaded machine, most of the
 * newsroom's and the Admin API's registration, for a request helper no route of ours calls (0030-cold-start-and-memory.md).
 * While the plugin registers, the global is a stand-in; Node's getter is put back before anything else runs, so
 * `req.formData()`, fetch and FormData still load undici when first used, as they would have.
 */
export const multipartParser: typeof multipart = Object.assign(
  ((instance, options, done) => {
    const lazy = Object.getOwnPropertyDescriptor(globalThis, 'FormData');
    // Already loaded (a value, not the getter), or a runtime without it: nothing to spare.
    if (!lazy?.get) return multipart(instance, options, done);
    Object.defineProperty(globalThis, 'FormData', { ...lazy, get: () => StandIn, set: undefined });
    try {
      return multipart(instance, options, done);
    } finally {
      Object.defineProperty(globalThis, 'FormData', lazy);
    }
  }) as FastifyPluginCallback<Parameters<typeof multipart>[1]>,
  // fastify-plugin's marks (no encapsulation, the plugin's name and Fastify version), copied so that Fastify
  // registers the wrapper exactly as it registers the plugin itself.
  multipart,
) as typeof multipart;

/** Truthy, which is all the plugin checks; never constructed (the getter is back before any request). */
function StandIn(): never {
  throw new Error('FormData stand-in used outside multipart registration');
}

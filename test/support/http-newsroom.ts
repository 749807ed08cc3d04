import type { FastifyInstance } from 'fastify';
import { NewsroomClient } from './newsroom-client.js';

/** What NewsroomClient asks of its app: one request, answered with its status, headers and body. */
interface Request {
  method: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

/**
 * A NewsroomClient that talks to real servers over HTTP (fetch), keeping its cookies and form token when it is
 * pointed at another node with use(): a session made on node A, used on node B, as a browser behind a balancer.
 */
export const newsroomOverHttp = (base: string): { client: NewsroomClient; use(base: string): void } => {
  let current = base;
  const inject = async ({ method, url, payload, headers }: Request) => {
    const res = await fetch(new URL(url, current), {
      method,
      redirect: 'manual',
      headers: headers ?? {},
      ...(payload === undefined ? {} : { body: typeof payload === 'string' ? payload : new Uint8Array(payload) }),
    });
    const answer: Record<string, string | string[]> = {};
    res.headers.forEach((value, name) => {
      if (name !== 'set-cookie') answer[name] = value;
    });
    const cookies = res.headers.getSetCookie();
    if (cookies.length) answer['set-cookie'] = cookies;
    return { statusCode: res.status, headers: answer, body: await res.text() };
  };
  // NewsroomClient calls only inject() with the fields of Request, and reads statusCode, headers and body.
  const client = new NewsroomClient({ inject } as unknown as FastifyInstance);
  return { client, use: (next) => (current = next) };
};

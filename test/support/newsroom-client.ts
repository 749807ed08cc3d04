import type { FastifyInstance } from 'fastify';
import { dom } from './html.js';

/**
 * A browser-like client over inject(): keeps the newsroom cookies and sends forms with the CSRF token the
 * last page carried, as a person's browser would.
 */
export class NewsroomClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  /** The Cookie header this browser would send now. */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined) {
    for (const c of [setCookie ?? []].flat()) {
      const [pair, ...attrs] = c.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
  }

  /** What a browser keeps from every response: its cookies and the form token of the page. */
  private received<T extends { headers: Record<string, unknown>; body: string }>(res: T): T {
    this.remember(res.headers['set-cookie'] as string | string[] | undefined);
    const token = dom(res.body).querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) this.csrf = token;
    return res;
  }

  async get(url: string) {
    return this.received(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  async post(
    url: string,
    form: Record<string, string>,
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams({
      ...(opts.csrf === null ? {} : { _csrf: opts.csrf ?? this.csrf }),
      ...form,
    }).toString();
    return this.received(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...opts.headers },
      }),
    );
  }

  /** Posts the editor form as a browser does: multipart, with an optional file. */
  async postMultipart(
    url: string,
    form: Record<string, string>,
    file?: { field: string; name: string; type: string; bytes: Buffer },
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    const boundary = `----dateline${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({
      ...(opts.csrf === null ? {} : { _csrf: opts.csrf ?? this.csrf }),
      ...form,
    })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
      );
      parts.push(file.bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.received(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          cookie: this.cookieHeader(),
          ...opts.headers,
        },
      }),
    );
  }

  forgetSession() {
    this.cookies.delete('dl_session');
  }

  async signIn(email: string, password: string) {
    await this.get('/newsroom/login');
    return this.post('/newsroom/login', { email, password });
  }

  /** Opens a blank editor and posts the form, as a signed-in person starting an article; throws unless it saved. */
  async createArticle(form: Record<string, string>): Promise<{ id: number; url: string }> {
    await this.get('/newsroom/articles/new');
    const res = await this.post('/newsroom/articles', form);
    // The address says what the save did (?saved=1, ?saved=published…): the article's own address is before it.
    const url = String(res.headers.location ?? '').replace(/\?saved=[\w-]+$/, '');
    const id = Number(/^\/newsroom\/articles\/(\d+)$/.exec(url)?.[1]);
    if (res.statusCode !== 303 || !Number.isInteger(id))
      throw new Error(`the article was not saved: ${res.statusCode}`);
    return { id, url };
  }
}

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

  private cookieHeader() {
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

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.remember(res.headers['set-cookie']);
    const token = dom(res.body).querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) this.csrf = token;
    return res;
  }

  async post(url: string, form: Record<string, string>, opts: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const body = new URLSearchParams({ ...(opts.csrf === null ? {} : { _csrf: opts.csrf ?? this.csrf }), ...form }).toString();
    const res = await this.app.inject({
      method: 'POST', url, payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...opts.headers },
    });
    this.remember(res.headers['set-cookie']);
    const token = dom(res.body).querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) this.csrf = token;
    return res;
  }

  forgetSession() {
    this.cookies.delete('dl_session');
  }

  async signIn(email: string, password: string) {
    await this.get('/newsroom/login');
    return this.post('/newsroom/login', { email, password });
  }
}

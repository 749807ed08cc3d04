import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_CEILING_FAILURES,
  ADDRESS_FREE_FAILURES,
  LONGEST_WAIT_SECONDS,
  PAIR_FREE_FAILURES,
  UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS,
} from '../../src/domain/sign-in-throttle.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

const OWNER_HOME = '198.51.100.7';
const ATTACKER = '203.0.113.66';
const WRONG = 'not the password';

/** One sign-in form sent from `ip` as a browser would: the form page first, for its token and cookie. */
async function signInFrom(app: FastifyInstance, ip: string, email: string, password: string) {
  const form = await app.inject({ method: 'GET', url: '/newsroom/login', remoteAddress: ip });
  const cookie = [form.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]);
  const csrf = dom(form.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const res = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie.join('; ') },
    payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  const retryAfter = res.headers['retry-after'] === undefined ? null : Number(res.headers['retry-after']);
  const message = dom(res.body).querySelector('.nr-error')?.text.trim() ?? '';
  return { status: res.statusCode, retryAfter, message };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`sign-in throttling on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let now: number;
    const wait = (seconds: number) => {
      now += seconds * 1000;
      t.setNow(new Date(now));
    };
    const owner = PEOPLE.owner.email;

    /** Fails `times` from `ip`, each after the wait the last answer asked for, as a patient attacker would. */
    async function failPatiently(ip: string, email: string, times: number) {
      for (let failed = 0; failed < times;) {
        const answer = await signInFrom(t.app, ip, email, WRONG);
        if (answer.status === 401) failed++;
        else {
          expect(answer.status).toBe(429);
          wait(answer.retryAfter!);
        }
      }
    }

    beforeAll(async () => {
      storage = await backend.open();
      t = await buildTestApp(storage.db, new Date('2026-03-01T09:00:00Z'));
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });
    beforeEach(async () => {
      now = new Date('2026-03-01T09:00:00Z').getTime();
      t.setNow(new Date(now));
      await storage.db.deleteFrom('login_failure').execute();
      await ensurePerson(storage.db, PEOPLE.owner);
    });

    it('lets the owner sign in from home while an attacker has failed 50 times on their account', async () => {
      await failPatiently(ATTACKER, owner, 50);
      expect((await signInFrom(t.app, OWNER_HOME, owner, PASSWORD)).status).toBe(303);
    });

    it('slows the failing address with a 429 and a Retry-After of minutes, not a 15-minute lock-out', async () => {
      await failPatiently(ATTACKER, owner, 50);
      // The right password is not even checked during the wait.
      const held = await signInFrom(t.app, ATTACKER, owner, PASSWORD);
      expect(held.status).toBe(429);
      expect(held.retryAfter).toBeGreaterThan(0);
      expect(held.retryAfter).toBeLessThanOrEqual(LONGEST_WAIT_SECONDS);
      expect(held.message).toBe(
        `Too many attempts from this address for this account; try again in ${held.retryAfter} seconds.`,
      );
      wait(held.retryAfter!);
      expect((await signInFrom(t.app, ATTACKER, owner, PASSWORD)).status).toBe(303);
    }, 30_000);

    it('lets the first few wrong passwords through, then waits twice as long each time', async () => {
      for (let i = 0; i < PAIR_FREE_FAILURES; i++)
        expect((await signInFrom(t.app, ATTACKER, owner, WRONG)).status).toBe(401);
      const waits: (number | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const held = await signInFrom(t.app, ATTACKER, owner, WRONG);
        waits.push(held.retryAfter);
        wait(held.retryAfter!);
        expect((await signInFrom(t.app, ATTACKER, owner, WRONG)).status).toBe(401);
      }
      expect(waits).toEqual([5, 10, 20]);
    });

    it('forgets an address’s failures on the account once it signs in with the right password', async () => {
      for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) await signInFrom(t.app, OWNER_HOME, owner, WRONG);
      expect((await signInFrom(t.app, OWNER_HOME, owner, PASSWORD)).status).toBe(303);
      for (let i = 0; i < PAIR_FREE_FAILURES; i++)
        expect((await signInFrom(t.app, OWNER_HOME, owner, WRONG)).status).toBe(401);
    });

    it('slows a spray of one wrong password over many accounts from one address', async () => {
      const answers = [];
      for (let i = 0; i <= ADDRESS_FREE_FAILURES; i++) {
        answers.push(await signInFrom(t.app, ATTACKER, `staff${i}@example.com`, WRONG));
      }
      expect(answers.map((a) => a.status)).toEqual([...Array<number>(ADDRESS_FREE_FAILURES).fill(401), 429]);
      expect(answers.at(-1)).toEqual({
        status: 429,
        retryAfter: 2,
        message: 'Too many attempts from this address; try again in 2 seconds.',
      });
      // The owner elsewhere is not held up by it.
      expect((await signInFrom(t.app, OWNER_HOME, owner, PASSWORD)).status).toBe(303);
    }, 30_000);

    it('holds a fresh address back once, briefly, while the account is attacked from many addresses', async () => {
      for (let i = 0; i < ACCOUNT_CEILING_FAILURES; i++) {
        expect((await signInFrom(t.app, `10.9.${i >> 8}.${i & 255}`, owner, WRONG)).status).toBe(401);
      }
      const held = await signInFrom(t.app, OWNER_HOME, owner, PASSWORD);
      expect(held.status).toBe(429);
      expect(held.retryAfter).toBe(UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS);
      wait(UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS);
      expect((await signInFrom(t.app, OWNER_HOME, owner, PASSWORD)).status).toBe(303);
    }, 60_000);

    it('counts a burst of wrong passwords sent at once one by one', async () => {
      const burst = await Promise.all(Array.from({ length: 12 }, () => signInFrom(t.app, ATTACKER, owner, WRONG)));
      expect(burst.filter((a) => a.status === 401)).toHaveLength(PAIR_FREE_FAILURES);
      expect(burst.filter((a) => a.status === 429)).toHaveLength(12 - PAIR_FREE_FAILURES);
    });
  });
}

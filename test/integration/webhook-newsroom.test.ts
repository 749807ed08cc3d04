import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyService } from '../../src/services/api-keys.js';
import { enqueueWebhookEvent } from '../../src/services/webhooks.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** Newsroom → Integrations → Webhooks: added, listed with their deliveries, sent again and deleted, by admins only. */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the newsroom's webhooks on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let keyId: string;
    const signedIn = async (person: { email: string }) => {
      const c = new NewsroomClient(t.app);
      await c.signIn(person.email, PASSWORD);
      await c.get('/newsroom/integrations');
      return c;
    };
    const deliveryCount = async () => (await storage.db.selectFrom('webhook_delivery').select('id').execute()).length;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.owner);
      await ensurePerson(storage.db, PEOPLE.eden);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      const keys = createApiKeyService({
        db: storage.db,
        clock: () => FIXTURE_NOW,
        secretKey: () => Promise.reject(new Error('content keys need no secret key')),
      });
      keyId = (await keys.createApiKey({ name: 'Static front end', type: 'content' })).id;
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('adds a webhook with a made secret, lists its delivery, sends it again and deletes it', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const added = await admin.post('/newsroom/integrations/webhooks', {
        api_key_id: keyId,
        event: 'site.changed',
        target_url: 'https://hooks.example.com/dateline',
        webhook_name: 'Rebuild the static site',
        secret: '',
      });
      expect(added.statusCode).toBe(201);
      expect(await htmlProblems(added.body)).toEqual([]);
      const hook = dom(added.body).querySelector('article.nr-webhook')!;
      expect(hook.querySelector('h3')!.textContent).toContain('Rebuild the static site');
      expect(hook.textContent).toMatch(/signed with the secret [0-9a-f]{32}/);

      await enqueueWebhookEvent(storage.db, 'site.changed', {}, FIXTURE_NOW);
      const listed = await admin.get('/newsroom/integrations');
      const rows = dom(listed.body).querySelectorAll('.nr-deliveries tbody tr');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.querySelector('td[data-label="Outcome"]')!.textContent).toBe('Queued');
      const action = rows[0]!.querySelector('form')!.getAttribute('action')!;
      expect(action).toMatch(/^\/newsroom\/integrations\/deliveries\/\d+\/resend$/);

      const again = await admin.post(action, {});
      expect(again.statusCode).toBe(200);
      expect(dom(again.body).querySelectorAll('.nr-deliveries tbody tr')).toHaveLength(2);
      expect(await deliveryCount()).toBe(2);

      const remove = dom(again.body).querySelector('article.nr-webhook form')!.getAttribute('action')!;
      const deleted = await admin.post(remove, {});
      expect(deleted.statusCode).toBe(200);
      expect(dom(deleted.body).querySelector('section[aria-labelledby="webhooks-heading"]')!.textContent).toContain(
        'No webhooks yet.',
      );
      expect(await deliveryCount()).toBe(0);
    });

    it('gives the form back with the reason for an address that is not http(s) or an unknown event', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const page = await admin.post('/newsroom/integrations/webhooks', {
        api_key_id: keyId,
        event: 'post.exploded',
        target_url: 'ftp://files.example.com/',
        webhook_name: '',
        secret: 'mine',
      });
      expect(page.statusCode).toBe(400);
      const doc = dom(page.body);
      expect(doc.querySelector('#target_url-error')!.textContent).toMatch(/http:\/\/ or https:\/\//);
      expect(doc.querySelector('#event-error')!.textContent).toMatch(/post\.published/);
      expect(doc.querySelector('#target_url')!.getAttribute('value')).toBe('ftp://files.example.com/');
    });

    it('refuses the webhook forms to an editor, and a resend of a delivery that does not exist', async () => {
      const eden = await signedIn(PEOPLE.eden);
      const refused = await eden.post('/newsroom/integrations/webhooks', {
        api_key_id: keyId,
        event: 'site.changed',
        target_url: 'https://hooks.example.com/',
      });
      expect(refused.statusCode).toBe(403);
      const admin = await signedIn(PEOPLE.owner);
      expect((await admin.post('/newsroom/integrations/deliveries/987654/resend', {})).statusCode).toBe(404);
    });
  });
}

import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ContentQuery } from '../../domain/content-api-query.js';
import { parseRowId } from '../../domain/ids.js';
import { mediaUrl, variantName, variantWidths } from '../../domain/media.js';
import { readEnvelope } from '../../services/admin-api-input.js';
import { deleteAdminPage, deleteAdminPost, saveAdminPage } from '../../services/admin-api-pages.js';
import { loadAdminPages, readAdminPost } from '../../services/admin-api-posts.js';
import { saveAdminPost, type AdminSave, type AdminSaved } from '../../services/admin-api-save.js';
import type { GhostObject } from '../../services/content-api-objects.js';
import { mediaOfBodies } from '../../services/content-api-posts.js';
import { emitArticleChange, emitPageChange, hookFailed } from '../../services/plugin-events.js';
import { webhookPageOf } from '../../services/webhook-payloads.js';
import { ImageRejected, MAX_IMAGE_BYTES, storeImage } from '../../services/store-image.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import type { AdminApiRouteDeps } from './admin-api-routes.js';
import type { AdminPresent } from './admin-api-present.js';
import { bodyHtmlRenderer } from './body-html.js';
import { GhostApiError, resourceNotFound } from './content-api-errors.js';
import { multipartParser } from '../multipart-parser.js';

interface WriteDeps extends AdminApiRouteDeps {
  present: AdminPresent;
  integrationOf: (req: FastifyRequest) => string;
}

/** HTML bodies are larger than the app's 64 KB default for forms; a long feature with markup fits in 2 MB. */
const BODY_LIMIT = 2 * 1024 * 1024;
const IdParams = z.object({ id: z.string() });
const EVERYTHING: Pick<ContentQuery, 'fields' | 'formats'> = { fields: null, formats: [] };

/** An uploaded file read into memory up to the image limit; a larger one is flagged, not stored. */
interface Upload {
  bytes: Buffer;
  tooLarge: boolean;
}

const noImage = () =>
  new GhostApiError(422, 'ValidationError', 'Please select an image.', 'Send the image as the multipart field "file".');

/**
 * The Admin API's writes (issue 16): posts and pages added, edited and deleted through the newsroom's own save paths,
 * each change then told to the site (its cached pages), plugins' hooks and webhooks, as a newsroom save is; and
 * images stored through the newsroom's image pipeline.
 */
export const registerAdminApiWrites = (scope: FastifyInstance, deps: WriteDeps): void => {
  const api = typed(scope);
  // Registered after the scope's onRequest check: nothing of an unsigned request is buffered.
  void scope.register(multipartParser, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, fieldSize: 4096 },
    onFile: async (part: MultipartFile) => {
      const bytes = await part.toBuffer();
      part.value = { bytes, tooLarge: part.file.truncated } satisfies Upload;
    },
  });

  const saving = (req: FastifyRequest): AdminSave => ({
    db: deps.db,
    ctx: deps.site.current().context,
    keyId: deps.integrationOf(req),
    now: deps.clock(),
    sourceHtml: (req.query as Record<string, unknown>).source === 'html',
    fields: deps.plugins.fields,
  });
  const bodyHtml = bodyHtmlRenderer(deps.plugins);
  const events = (req: FastifyRequest) => ({
    plugins: deps.plugins,
    source: 'server' as const,
    onError: hookFailed(req),
    html: bodyHtml,
  });

  /** After an article's save: every process's pages, then plugins and webhooks, as the newsroom's editor does. */
  const afterPost = async (req: FastifyRequest, s: AdminSave, saved: AdminSaved, deleted = false) => {
    await deps.site.refresh();
    await emitArticleChange(deps.db, deps.site.current().context, events(req), {
      id: saved.id,
      before: saved.before,
      at: s.now,
      deleted,
    });
  };

  const answerPost = async (reply: FastifyReply, saved: AdminSaved, status: number) => {
    const list = await readAdminPost(deps.db, deps.site.current().context, { id: saved.id }, deps.clock());
    const found = list.items[0];
    if (!found) throw resourceNotFound('Post');
    const post = deps.present(found, EVERYTHING, list.bodyMedia);
    return reply.code(status).send({ posts: [saved.notes.length ? { ...post, conversion_notes: saved.notes } : post] });
  };

  api.post('/posts/', { bodyLimit: BODY_LIMIT, schema: { querystring: IgnoredQuery } }, async (req, reply) => {
    const s = saving(req);
    const saved = await saveAdminPost(s, null, readEnvelope('posts', req.body));
    await afterPost(req, s, saved);
    return answerPost(reply, saved, 201);
  });
  api.put(
    '/posts/:id/',
    { bodyLimit: BODY_LIMIT, schema: { querystring: IgnoredQuery, params: IdParams } },
    async (req, reply) => {
      const id = parseRowId(req.params.id);
      if (id === null) throw resourceNotFound('Post');
      const s = saving(req);
      const saved = await saveAdminPost(s, id, readEnvelope('posts', req.body));
      await afterPost(req, s, saved);
      return answerPost(reply, saved, 200);
    },
  );
  api.delete('/posts/:id/', { schema: { querystring: IgnoredQuery, params: IdParams } }, async (req, reply) => {
    const id = parseRowId(req.params.id);
    if (id === null) throw resourceNotFound('Post');
    const s = saving(req);
    await afterPost(req, s, await deleteAdminPost(s, id), true);
    return reply.code(204).send();
  });

  const afterPage = async (
    req: FastifyRequest,
    s: AdminSave,
    change: {
      id: number;
      before: string | null;
      after: string;
      slug: string;
      title: string;
      gone?: GhostObject | null;
    },
  ) => {
    await deps.site.refresh();
    const { id, slug, title, before, after, gone } = change;
    await emitPageChange(deps.db, deps.site.current().context, events(req), {
      before,
      after,
      at: s.now,
      page: { id, slug, title },
      gone,
    });
  };
  const savePage = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const s = saving(req);
    const saved = await saveAdminPage(s, id, readEnvelope('pages', req.body));
    const found = (await loadAdminPages(deps.db, deps.site.current().context)).find(
      (p) => p.fields.id === String(saved.id),
    );
    if (!found) throw resourceNotFound('Page');
    const after = found.fields.status === 'published' ? 'published' : 'draft';
    await afterPage(req, s, {
      id: saved.id,
      before: saved.before,
      after,
      slug: String(found.fields.slug),
      title: String(found.fields.title),
    });
    const page = deps.present(found, EVERYTHING, await mediaOfBodies(deps.db, [found]));
    return reply
      .code(id === null ? 201 : 200)
      .send({ pages: [saved.notes.length ? { ...page, conversion_notes: saved.notes } : page] });
  };
  api.post('/pages/', { bodyLimit: BODY_LIMIT, schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    savePage(req, reply, null),
  );
  api.put(
    '/pages/:id/',
    { bodyLimit: BODY_LIMIT, schema: { querystring: IgnoredQuery, params: IdParams } },
    async (req, reply) => {
      const id = parseRowId(req.params.id);
      if (id === null) throw resourceNotFound('Page');
      return savePage(req, reply, id);
    },
  );
  api.delete('/pages/:id/', { schema: { querystring: IgnoredQuery, params: IdParams } }, async (req, reply) => {
    const id = parseRowId(req.params.id);
    if (id === null) throw resourceNotFound('Page');
    const s = saving(req);
    // Drawn before the row goes: a live page's removal is its page.unpublished (Ghost's page.deleted is not sent).
    const was = await webhookPageOf(deps.db, s.ctx, id, bodyHtml).catch(() => null);
    const gone = await deleteAdminPage(s, id);
    await afterPage(req, s, { ...gone, after: 'draft', gone: was });
    return reply.code(204).send();
  });

  // Images: the newsroom's pipeline (decoded, checked, re-encoded in three formats); the answer is our address.
  api.post('/images/upload/', { schema: { querystring: IgnoredQuery } }, async (req, reply) => {
    if (!req.isMultipart()) throw noImage();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const file = body.file as Upload | undefined;
    if (!file || !Buffer.isBuffer(file.bytes) || file.bytes.byteLength === 0) throw noImage();
    if (file.tooLarge) throw new ImageRejected('the file is larger than 15 MB');
    const stored = await storeImage(deps.db, file.bytes, deps.clock());
    const largest = variantWidths(stored.width).at(-1)!;
    const url =
      deps.site.current().context.settings.baseUrl + mediaUrl(stored.mediaId, stored.hash, variantName(largest, 'jpg'));
    const ref = typeof body.ref === 'string' ? body.ref : null;
    return reply.code(201).send({ images: [{ url, ref }] });
  });
};

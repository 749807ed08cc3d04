import {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { h } from 'preact';
import { pathOfUrl } from '../domain/reader-path.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { renderDocument } from '../views/render.js';
import { ErrorPage } from '../views/reader/ErrorPage.js';
import { errorBody, pageNotFound, toHttpError, type HttpError } from './errors.js';
import { createRedirectAnswers } from './reader/redirect-answer.js';
import type { RequestLog } from './request-log.js';
import { readerSecurityHeaders, SECURITY_HEADERS } from './security-headers.js';
import type { Db } from '../storage/database.js';
import { chromeOf, type SiteState } from './site-state.js';

/** What every Fastify instance of a process shares: its logger, request log, proxies, pages and plugins. */
export interface AppRootDeps {
  db: Db;
  site: SiteState;
  plugins: PluginRegistry;
  logger?: FastifyBaseLogger;
  requestLog?: RequestLog;
  trustProxyHops?: number;
}

/**
 * The setup every Fastify instance of a serving process gets, the reader's app and the newsroom's built at its first
 * request (hand-over.ts): the same options, compilers, security headers, request log, error and not-found answers.
 * A request answered by either instance reads and logs alike.
 */
export interface AppRoot {
  /** The options of `Fastify(…)`, compilers included; the reader's app adds its server and its URL rewriting. */
  readonly options: FastifyServerOptions;
  /** The security headers of reader pages: SECURITY_HEADERS with the plugins' CSP sources, if any. */
  readonly readerHeaders: Readonly<Record<string, string>>;
  /** Adds the shared hooks and handlers; call before any route is registered so that every route gets them. */
  setUp(app: FastifyInstance): void;
}

/** Our APIs answer errors in JSON; so do plugins' routes (`/plugins/{name}/…`) to a client that asks for JSON. */
const wantsJson = (url: string, accept: string | undefined): boolean =>
  url.startsWith('/api/') ||
  (url.startsWith('/plugins/') &&
    accept !== undefined &&
    /application\/json/.test(accept) &&
    !/text\/html/.test(accept));

/** The newsroom's own pages keep the base policy, whatever the plugins declared. */
const isNewsroom = (url: string): boolean => url === '/newsroom' || /^\/newsroom[/?]/.test(url);

/** Fastify's own request ids (`req-1`, `req-2`, …), counted once for the process rather than once per instance. */
const requestIds = (): (() => string) => {
  let next = 0;
  return () => `req-${(next = (next + 1) % Number.MAX_SAFE_INTEGER).toString(36)}`;
};

/**
 * Fastify's types give these factories the signatures of its ajv and fast-json-stringify compilers; at run time a
 * factory returns the compiler every route gets, as setValidatorCompiler and setSerializerCompiler take it.
 */
const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

export const createAppRoot = (deps: AppRootDeps): AppRoot => {
  // SECURITY_HEADERS itself without plugins' CSP sources: then every answer keeps today's bytes.
  const readerHeaders = readerSecurityHeaders(deps.plugins.csp);
  // Old addresses (issue 17): answered where the site would say 404, and WordPress's "/?p=123" before routing.
  const redirects = createRedirectAnswers({ db: deps.db, site: deps.site });
  const trustProxyHops = deps.trustProxyHops ?? 0;

  const sendError = (url: string, accept: string | undefined, reply: FastifyReply, error: HttpError) => {
    reply.code(error.status).header('cache-control', 'no-store');
    if (wantsJson(url, accept)) return reply.send(errorBody(error));
    const snap = deps.site.current();
    const page = renderDocument(
      h(ErrorPage, {
        // In the words of the edition the address is in.
        chrome: chromeOf(snap, snap.context.findEdition(pathOfUrl(url)).edition),
        status: error.status,
        title: error.title,
        message: error.message,
      }),
    );
    return reply.type('text/html; charset=utf-8').send(page);
  };

  const options: FastifyServerOptions = {
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Fastify's two lines per request cost a third of the throughput; deps.requestLog says what is worth a line.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIds(),
    // Route schemas are zod schemas (route-schemas.ts), parsed once at the edge and typed after. Given as the
    // compilers' factories, they spare each start Fastify's own (ajv and fast-json-stringify: some 110 modules
    // evaluated for compilers no route would use), which setValidatorCompiler would only replace.
    schemaController: { compilersFactory: ZOD_COMPILERS },
    // Trust exactly as many X-Forwarded-For hops as there are proxies in front, no more.
    trustProxy: trustProxyHops ? (_address: string, hop: number) => hop < trustProxyHops : false,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 300 },
    // Malformed URLs (bad percent-encoding) reach our error handler as 400s instead of Fastify's default.
    // They are answered before any hook runs, so they get the security headers here.
    frameworkErrors: (error, req, reply) => {
      void sendError(req.url, req.headers.accept, reply.headers(SECURITY_HEADERS), toHttpError(error));
    },
  };

  const setUp = (app: FastifyInstance): void => {
    // Reader pages, their error pages and plugins' routes take the plugins' CSP sources; the newsroom never does.
    app.addHook('onRequest', (req, reply, done) => {
      reply.headers(readerHeaders === SECURITY_HEADERS || isNewsroom(req.url) ? SECURITY_HEADERS : readerHeaders);
      done();
    });
    deps.requestLog?.register(app);
    app.addHook('onRequest', redirects.answerHomeQuery);
    app.setErrorHandler(async (error, req, reply) => {
      // A 5xx is logged once, with this error, when its response is done (request-log.ts).
      const httpError = toHttpError(error, req.routeOptions.config.invalidRequestCode);
      if (httpError.status === 404 && (await redirects.answerNotFound(req, reply))) return reply;
      return sendError(req.originalUrl, req.headers.accept, reply, httpError);
    });
    app.setNotFoundHandler(async (req, reply) =>
      (await redirects.answerNotFound(req, reply))
        ? reply
        : sendError(req.originalUrl, req.headers.accept, reply, pageNotFound()),
    );
  };

  return { options, readerHeaders, setUp };
};

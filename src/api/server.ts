/** The miResist HTTP API and web app: one Fastify server over a knowledge store (thin shell over kb and the cores). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { describeStore, type KnowledgeStore } from '../kb/index.js';
import type { ReferenceNames } from '../names/index.js';
import { ApiContext, DEFAULT_LIMITS, type ApiLimits } from './api-context.js';
import { registerAnalysisRoutes } from './analysis-routes.js';
import { Health } from './contract.js';
import { registerCurationRoutes } from './curation-routes.js';
import { registerJobRoutes } from './job-routes.js';
import { JobRunner } from './jobs.js';
import { registerKnowledgeRoutes } from './knowledge-routes.js';
import { registerModelRoutes } from './model-routes.js';
import { HttpProblem, sendProblem } from './problems.js';

export const API_VERSION = '0.1.0';

export interface ApiOptions {
  store: KnowledgeStore;
  names: ReferenceNames;
  /** bearer token that writes (curation) need; writes are refused when absent */
  token?: string;
  limits?: Partial<ApiLimits>;
  /** the built web app (`web/dist`); no web app is served when absent or missing */
  webRoot?: string | false;
  /** Fastify's logger: true for request logs (serve), false in tests */
  logger?: boolean;
}

/** Where `npm run build` puts the web app, relative to this module (src/api or dist/api). */
export function defaultWebRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
}

/** Builds the server (not listening): API under /api, its OpenAPI document and docs page, the web app at /. */
export async function buildServer(options: ApiOptions): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ctx = new ApiContext(options.store, options.names, new JobRunner(), options.token, limits);
  const started = Date.now();
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: limits.uploadBytes,
    // ids in URLs are names like miR-221/222 (encoded) or hsa-miR-21-5p
    routerOptions: { maxParamLength: 200 },
    // the router's own errors (bad percent-encoding, over-long parameters) are problems too
    frameworkErrors: (error, request, reply) => void sendProblem(reply, request, error),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, error));

  // every read route is rate limited per client unless the operator turned it off (this hook must run before the
  // rate-limit plugin's own onRoute hook, which reads route.config.rateLimit)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = (route.config ?? {}) as { rateLimit?: unknown };
    if (config.rateLimit === undefined) route.config = { ...config, rateLimit: ctx.rateLimit('read') };
  });

  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        'Too many requests',
        `limit of ${context.max} requests per ${context.after} reached`,
        {
          'retry-after': String(Math.ceil(context.ttl / 1000)),
        },
      ),
  });
  await app.register(fastifyMultipart, {
    limits: { fileSize: limits.uploadBytes, files: 5, fields: 40, fieldSize: 64 * 1024 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'miResist API',
        version: API_VERSION,
        description:
          "microRNA-mediated therapy resistance in breast cancer: the evidence-linked knowledge graph, seed-site target prediction, the logical resistance model and lab-data analyses. Reads are public; curation writes need the operator's bearer token. Errors are application/problem+json (RFC 9457).",
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness and what the store holds',
        response: { 200: Health },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: API_VERSION,
      store: { kind: options.store.config.kind, description: describeStore(options.store.config) },
      format_version: (await options.store.meta())['format_version'],
      counts: await options.store.counts(),
      uptime_s: Math.round((Date.now() - started) / 1000),
      writes_enabled: ctx.writesEnabled,
    }),
  );
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerKnowledgeRoutes(app, ctx);
  registerModelRoutes(app, ctx);
  registerAnalysisRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerCurationRoutes(app, ctx);

  const webRoot = options.webRoot === false ? undefined : (options.webRoot ?? defaultWebRoot());
  const hasWeb = webRoot !== undefined && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // the web app's routes (/mirna/miR-21, /network …) are client-side: answer them with index.html
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path))
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return sendProblem(
      reply,
      request,
      new HttpProblem(404, 'Not found', `no route ${request.method} ${path}`),
    );
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });
  app.decorate('miresist', ctx);
  return app;
}

import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import ApiGateway from 'moleculer-web';
import { Context, Service, ServiceBroker } from 'moleculer';
import { aliasPath, type AnyApiRoute, type ApiCaller, type ApiDeps } from './api-route';
import { forbidden, toErrorResponse, unauthenticated } from './api-errors';
import { API_KEY_PREFIX, ApiKeyCache } from './auth/api-keys';
import { CREDENTIALS_REVOKED_EVENT } from './auth/credential-events';
import { hasScope } from './auth/scopes';
import type { TokenSigner } from './auth/tokens';
import { buildOpenApi } from './openapi/build-openapi';
import { rateLimitHeaders, type RateLimits } from './rate-limit';
import { UNMATCHED_ROUTE, type HubMetrics } from './metrics';
import { HubError } from '@ihub/plugin-kit';
import { appendAudit } from '../audit';
import { OAuthClient, Tenant } from '../store/entities';
import { handleInboundHook } from './inbound/inbound-hook';
import { byteLimit } from './inbound/raw-body';

export interface GatewaySettings {
  port: number;
  host: string;
  /** Largest accepted JSON body, e.g. `1mb`. */
  bodyLimit: string;
}

type Req = IncomingMessage & {
  $action?: { scope?: string; name?: string };
  $params?: { body?: Record<string, unknown> };
  $ctx?: Context;
  $ihubStartedAt?: bigint;
  /** RateLimit-* headers decided for this request, sent with its answer whatever it is. */
  $rateHeaders?: Record<string, string>;
};

/** Optional parts of the edge, wired by the node. */
export interface GatewayExtras {
  rateLimits?: RateLimits;
  metrics?: HubMetrics;
}

/** Errors outside /api/v1 (operations endpoints, unknown paths): the same error shape, nothing else to record. */
function answerError(_req: Req, res: ServerResponse, err: unknown): void {
  const { status, body } = toErrorResponse(err);
  sendJson(res, status, body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const REDOC_BUNDLE = path.join(path.dirname(require.resolve('redoc/package.json')), 'bundles/redoc.standalone.js');
const DOCS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>ihub API</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/api/v1/openapi.json"></redoc><script src="/docs/redoc.standalone.js"></script></body></html>`;

/**
 * The HTTP edge (moleculer-web): `/api/v1/*` aliases onto the `api` service's actions, bearer
 * authentication (API keys and access tokens), scope checks, the one error shape, and the
 * operational endpoints `/healthz`, `/readyz`, `/api/v1/openapi.json` and `/docs` (Redoc, served
 * from the installed package — no CDN).
 */
export function createGatewayService(broker: ServiceBroker, deps: ApiDeps, routes: AnyApiRoute[], signer: TokenSigner, settings: GatewaySettings, extras: GatewayExtras = {}): Service {
  const openapi = buildOpenApi(routes);
  const aliases: Record<string, string> = {};
  // Metrics are labelled by route template, never by raw URL (one series per route, not per id).
  const templates = new Map<string, string>();
  for (const route of routes) {
    aliases[`${route.method} ${aliasPath(route.path)}`] = `api.${route.operationId}`;
    templates.set(`api.${route.operationId}`, `/api/v1${route.path}`);
  }
  /**
   * Every mutating call and every refused credential goes to the audit chain: who, which tenant,
   * what, on which path, how it ended. Never the body — it may carry secrets.
   */
  const audit = async (ctx: Context | undefined, req: Req, status: number): Promise<void> => {
    const mutating = req.method !== 'GET' && req.method !== 'HEAD';
    const denied = status === 401 || status === 403 || status === 429;
    if (!mutating && !denied) return;
    const caller = (ctx?.meta as { user?: ApiCaller | null } | undefined)?.user ?? null;
    const operation = req.$action?.name?.replace(/^api\./, '') ?? 'unknown';
    await appendAudit(deps.runtime.store, {
      tenantId: caller?.tenantId ?? null,
      actor: caller?.actor ?? 'anonymous',
      action: denied && status === 401 ? 'auth.failed' : operation,
      target: ((req as Req & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0],
      outcome: denied ? 'denied' : status < 400 ? 'success' : 'failure',
      requestId: ctx?.requestID ?? null,
      ip: req.socket?.remoteAddress ?? null,
      details: { method: req.method, operation, status },
    }).catch((err: Error) => broker.logger.error(`audit append failed for ${req.method} ${req.url}: ${err.message}`));
  };
  const observe = (req: Req, status: number) => {
    if (!extras.metrics || req.$ihubStartedAt === undefined) return;
    const seconds = Number(process.hrtime.bigint() - req.$ihubStartedAt) / 1e9;
    extras.metrics.observeRequest(req.method ?? 'GET', templates.get(req.$action?.name ?? '') ?? UNMATCHED_ROUTE, status, seconds);
  };

  const apiKeys = new ApiKeyCache(deps.runtime.store);
  // Tenant status and OAuth client revocation are read at most every 10 s each: suspending a
  // tenant or revoking a client takes effect within that, without a query per request.
  const statusCache = new Map<string, { status: string; at: number }>();
  async function cachedStatus(key: string, load: () => Promise<string>): Promise<string> {
    let cached = statusCache.get(key);
    if (!cached || Date.now() - cached.at > 10_000) {
      cached = { status: await load(), at: Date.now() };
      statusCache.set(key, cached);
    }
    return cached.status;
  }
  async function assertActive(caller: ApiCaller): Promise<void> {
    const tenant = await cachedStatus(`tenant:${caller.tenantId}`, async () => (await deps.runtime.store.getRepository(Tenant).findOneBy({ id: caller.tenantId }))?.status ?? 'missing');
    if (tenant !== 'active') throw unauthenticated(`the tenant of these credentials is ${tenant}`);
    if (!caller.actor.startsWith('client:')) return;
    const clientId = caller.actor.slice('client:'.length);
    const client = await cachedStatus(caller.actor, async () => {
      const row = await deps.runtime.store.getRepository(OAuthClient).findOneBy({ clientId });
      return !row ? 'missing' : row.revokedAt ? 'revoked' : 'active';
    });
    if (client !== 'active') throw unauthenticated(`the OAuth client of this access token is ${client}`);
  }

  async function authenticate(req: Req): Promise<ApiCaller | null> {
    // Function aliases (the OpenAPI document) and public routes (the token endpoint) need no credentials.
    if (!req.$action || req.$action.scope === 'public') return null;
    const header = req.headers.authorization;
    if (!header) throw unauthenticated('missing credentials: send Authorization: Bearer <API key or access token>');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <API key or access token>"');
    const caller = match[1].startsWith(`${API_KEY_PREFIX}_`) ? await apiKeys.authenticate(match[1]) : await signer.verify(match[1]);
    await assertActive(caller);
    return caller;
  }

  return broker.createService({
    name: 'gateway',
    mixins: [ApiGateway],
    settings: {
      port: settings.port,
      ip: settings.host,
      log4XXResponses: false,
      logRequest: 'debug',
      logResponse: 'debug',
      routes: [
        {
          path: '/api/v1',
          mappingPolicy: 'restrict',
          mergeParams: false,
          authentication: true,
          authorization: true,
          autoAliases: false,
          bodyParsers: { json: { strict: true, limit: settings.bodyLimit }, urlencoded: { extended: false, limit: '16kb' } },
          aliases: {
            ...aliases,
            'GET openapi.json'(req: Req, res: ServerResponse) {
              sendJson(res, 200, openapi);
            },
          },
          onBeforeCall(ctx: Context, _route: unknown, req: Req) {
            req.$ihubStartedAt = process.hrtime.bigint();
            // A body the parsers did not read (text/plain, XML…) would be silently ignored: refuse it.
            const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
            const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
            if (hasBody && type !== 'application/json' && !(type === 'application/x-www-form-urlencoded' && req.$action?.name === 'api.issueToken')) {
              throw new HubError('IHUB_UNSUPPORTED_MEDIA_TYPE', `send request bodies as application/json${req.$action?.name === 'api.issueToken' ? ' or application/x-www-form-urlencoded' : ''}, not '${type || 'no content type'}'`, { fault: 'user' });
            }
            // RFC 6749 lets clients send their credentials as HTTP Basic: fold them into the body.
            const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
            if (req.$action?.name === 'api.issueToken' && basic && req.$params) {
              const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
              req.$params.body = { ...(req.$params.body ?? {}), client_id: decodeURIComponent(id ?? ''), client_secret: decodeURIComponent(secret ?? '') };
            }
          },
          async onAfterCall(ctx: Context, _route: unknown, req: Req, res: ServerResponse, data: unknown) {
            const status = (ctx.meta as { $statusCode?: number }).$statusCode ?? 200;
            observe(req, status);
            // Recorded before the client hears of success, so an answered change is always in the log.
            await audit(ctx, req, status);
            return data;
          },
          onError(req: Req, res: ServerResponse, err: unknown) {
            const { status, body, expose } = toErrorResponse(err);
            if (!expose) broker.logger.error(`${req.method} ${req.url} failed:`, err);
            observe(req, status);
            void audit(req.$ctx, req, status).finally(() => sendJson(res, status, body, req.$rateHeaders));
          },
        },
        {
          // Inbound webhooks: no API credentials (the connector verifies the sender) and no body
          // parsing, so the connector gets the exact bytes the sender signed.
          path: '/hooks',
          mappingPolicy: 'restrict',
          autoAliases: false,
          bodyParsers: false,
          aliases: {
            async 'POST :integrationId'(req: Req, res: ServerResponse) {
              const id = /\/hooks\/([^/?]+)/.exec((req as Req & { originalUrl?: string }).originalUrl ?? req.url ?? '')?.[1] ?? '';
              try {
                const answer = await handleInboundHook(deps.runtime, broker.getLogger('inbound'), req, decodeURIComponent(id), byteLimit(settings.bodyLimit));
                if (answer.body === undefined || typeof answer.body === 'string') {
                  res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8', ...answer.headers });
                  res.end(answer.body ?? '');
                } else sendJson(res, answer.status, answer.body, answer.headers);
              } catch (err) {
                const { expose } = toErrorResponse(err);
                if (!expose) broker.logger.error(`POST /hooks/${id} failed:`, err);
                answerError(req, res, err);
              }
            },
          },
          onError: answerError,
        },
        {
          path: '/',
          mappingPolicy: 'restrict',
          autoAliases: false,
          bodyParsers: false,
          aliases: {
            'GET healthz'(_req: Req, res: ServerResponse) {
              sendJson(res, 200, { status: 'ok', node: broker.nodeID });
            },
            async 'GET readyz'(_req: Req, res: ServerResponse) {
              // Readiness: this node can serve requests (database and, in a cluster, NATS reachable).
              const checks: Record<string, string> = {};
              await deps.runtime.store.query('SELECT 1').then(() => (checks.database = 'ok'), (err: Error) => (checks.database = err.message));
              const transit = (broker as unknown as { transit?: { connected: boolean } }).transit;
              checks.transporter = !transit || transit.connected ? 'ok' : 'disconnected';
              const ready = Object.values(checks).every((v) => v === 'ok');
              sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
            },
            async 'GET metrics'(_req: Req, res: ServerResponse) {
              if (!extras.metrics) return sendJson(res, 404, { error: { code: 'IHUB_ROUTE_NOT_FOUND', message: 'metrics are not enabled', details: [] } });
              const { contentType, body } = await extras.metrics.render();
              res.writeHead(200, { 'Content-Type': contentType });
              res.end(body);
            },
            'GET docs'(_req: Req, res: ServerResponse) {
              res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
              res.end(DOCS_PAGE);
            },
            'GET docs/redoc.standalone.js'(_req: Req, res: ServerResponse) {
              res.writeHead(200, { 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
              fs.createReadStream(REDOC_BUNDLE).pipe(res);
            },
          },
          onError: answerError,
        },
      ],
      onError: answerError,
    },
    events: {
      [CREDENTIALS_REVOKED_EVENT]: {
        handler(ctx: Context<{ keyId?: string; clientId?: string }>) {
          if (ctx.params.keyId) apiKeys.forget(ctx.params.keyId);
          if (ctx.params.clientId) statusCache.delete(`client:${ctx.params.clientId}`);
        },
      },
    },
    methods: {
      // moleculer-web logs every error whose code is not a numeric 4xx; ours are coded strings,
      // so the route's onError decides what is worth logging (only what is not shown to the client).
      errorHandler(this: { sendError(req: Req, res: ServerResponse, err: unknown): void }, req: Req, res: ServerResponse, err: unknown) {
        this.sendError(req, res, err);
      },
      async authenticate(_ctx: Context, _route: unknown, req: Req) {
        return authenticate(req);
      },
      async authorize(ctx: Context<unknown, { user?: ApiCaller | null }>, _route: unknown, req: Req) {
        const needed = req.$action?.scope;
        if (!needed) return;
        const caller = ctx.meta.user;
        if (needed !== 'public') {
          if (!caller) throw unauthenticated('missing credentials');
          if (!hasScope(caller.scopes, needed as 'read')) throw forbidden(`this operation needs the '${needed}' scope; the credentials have: ${caller.scopes.join(', ')}`);
        }
        if (!extras.rateLimits) return;
        // Public routes (the token endpoint) are metered by client address, which also slows guessing of client secrets.
        const ip = `ip:${req.socket?.remoteAddress ?? 'unknown'}`;
        const decision = caller ? await extras.rateLimits.consume(caller.actor, caller.tenantId) : await extras.rateLimits.consume(ip, ip);
        req.$rateHeaders = rateLimitHeaders(decision);
        (ctx.meta as { $responseHeaders?: Record<string, string> }).$responseHeaders = req.$rateHeaders;
        if (!decision.allowed) {
          throw new HubError('IHUB_RATE_LIMITED', `rate limit of ${decision.limit} requests per window exceeded for this ${decision.scope === 'key' ? 'credential' : 'tenant'}; retry after ${decision.retryAfterSeconds} s`, {
            fault: 'user',
            retryable: true,
            data: { details: [{ in: 'header', field: 'Authorization', message: `${decision.scope} budget exhausted` }] },
          });
        }
      },
    },
  });
}

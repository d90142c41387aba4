import { Context, Service, ServiceBroker } from 'moleculer';
import type { z } from 'zod';
import { FieldProblem, unauthenticated, validationError } from './api-errors';
import type { AnyApiRoute, ApiCaller, ApiDeps, RouteInput } from './api-route';

type RawInput = { params?: unknown; query?: unknown; body?: unknown };

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: FieldProblem['in'], problems: FieldProblem[]): unknown {
  if (!schema) {
    // A route without a query or body schema takes none: anything sent is a mistake worth reporting.
    if (!isEmpty(value)) for (const key of Object.keys(value as object)) problems.push({ in: where, field: key, message: `unknown ${where === 'body' ? 'field' : 'parameter'}` });
    return undefined;
  }
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, named by its own path, so clients can point at it.
      for (const key of issue.keys) problems.push({ in: where, field: [...issue.path, key].join('.'), message: `unknown ${where === 'body' ? 'field' : 'parameter'}` });
    } else problems.push({ in: where, field: issue.path.join('.'), message: issue.message });
  }
  return undefined;
}

/** Validates path, query and body against the route's schemas, reporting every bad field at once. */
export function parseRouteInput(route: AnyApiRoute, raw: RawInput): RouteInput<unknown, unknown, unknown> {
  const problems: FieldProblem[] = [];
  const input = {
    params: parsePart(route.params, raw.params, 'path', problems),
    query: parsePart(route.query, raw.query, 'query', problems),
    body: parsePart(route.body, raw.body, 'body', problems),
  };
  if (problems.length > 0) throw validationError(problems);
  return input;
}

/**
 * The `api` service: one action per REST route (`api.<operationId>`), each validating its input
 * with the route's zod schemas before the handler runs. The gateway maps HTTP onto these actions;
 * other services may call them too. The action carries the route's scope for the gateway's
 * authorization check.
 */
export function createApiService(broker: ServiceBroker, deps: ApiDeps, routes: AnyApiRoute[]): Service {
  const actions: Record<string, unknown> = {};
  for (const route of routes) {
    actions[route.operationId] = {
      visibility: 'published',
      scope: route.scope,
      async handler(ctx: Context<RawInput, { user?: ApiCaller | null; $statusCode?: number }>) {
        const caller = ctx.meta.user ?? null;
        if (route.scope !== 'public' && !caller) throw unauthenticated('missing credentials');
        const input = parseRouteInput(route, ctx.params ?? {});
        const result = await route.handler(deps, caller as ApiCaller, input);
        if (route.status && route.status !== 200) ctx.meta.$statusCode = route.status;
        return route.status === 204 ? null : result;
      },
    };
  }
  return broker.createService({ name: 'api', actions: actions as never });
}

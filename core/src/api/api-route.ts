import type { z } from 'zod';
import type { ServiceBroker } from 'moleculer';
import type { Scope } from '../store/entities';
import type { HubRuntime } from '../runtime/hub-runtime';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who is calling: resolved from the bearer token before any route runs. */
export interface ApiCaller {
  tenantId: string;
  scopes: Scope[];
  /** `key:<id>` or `client:<client id>`: what the audit log names. */
  actor: string;
}

/** What a route handler may use. */
export interface ApiDeps {
  runtime: HubRuntime;
  broker: ServiceBroker;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/**
 * One REST operation, declared as data: the gateway serves it, the `api` service validates its
 * input with these schemas, and the OpenAPI document is generated from the same schemas.
 */
export interface ApiRoute<P = unknown, Q = unknown, B = unknown, R = unknown> {
  /** Becomes the action name (`api.<operationId>`) and the SDK method name. */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI-style path under /api/v1, e.g. `/flows/{id}/runs`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Least scope needed (`read` < `write` < `admin`), or `public` for unauthenticated routes. */
  scope: Scope | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
  /** HTTP status of success. Default 200. */
  status?: 200 | 201 | 202 | 204;
  /** An example response body for the OpenAPI document. */
  example?: unknown;
  handler(deps: ApiDeps, caller: ApiCaller, input: RouteInput<P, Q, B>): Promise<R>;
}

export type AnyApiRoute = ApiRoute<any, any, any, any>;

/** Typed identity: keeps a route's handler in step with its schemas. */
export function defineRoute<P, Q, B, R>(route: ApiRoute<P, Q, B, R>): ApiRoute<P, Q, B, R> {
  return route;
}

/** `/flows/{id}` → `/flows/:id` for moleculer-web aliases. */
export function aliasPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

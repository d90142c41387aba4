import { z } from 'zod';

/** JSON Schema keyword that marks a field as a secret in connection configs. */
export const SECRET_KEYWORD = 'x-ihub-secret';

/**
 * Marks a connection-config field as a secret: the hub stores it only redacted (`***`), masks it
 * in logs and anything it shows, and the connector catalog lists it as writeOnly. The value itself
 * comes from the config files (`${ENV}`) at run time.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ writeOnly: true, [SECRET_KEYWORD]: true }) as T;
}

type JsonSchema = { [k: string]: unknown };

/** JSON Schema (draft 2020-12) of a zod schema, as ihub publishes it. */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Dotted paths (`auth.password`, `oauth.clientSecret`) of every field marked secret in a config schema. */
export function secretPaths(schema: z.ZodType): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as JsonSchema;
    if (n[SECRET_KEYWORD] === true && path) paths.push(path);
    const props = n.properties as Record<string, unknown> | undefined;
    if (props) for (const [k, v] of Object.entries(props)) walk(v, path ? `${path}.${k}` : k);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const alts = n[key];
      if (Array.isArray(alts)) for (const alt of alts) walk(alt, path);
    }
  };
  walk(toJsonSchema(schema), '');
  return [...new Set(paths)];
}

/** A copy of `value` with every secret path replaced by `'***'`. */
export function redactSecrets<T>(value: T, paths: string[]): T {
  if (!value || typeof value !== 'object') return value;
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let cur: Record<string, unknown> | undefined = copy;
    for (const k of keys.slice(0, -1)) {
      const next: unknown = cur?.[k];
      cur = next && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    const last = keys[keys.length - 1];
    if (cur && cur[last] !== undefined) cur[last] = '***';
  }
  return copy as T;
}

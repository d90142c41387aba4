import type { Json } from './json';

/** Resolves the document's internal `$ref`s (`#/…` JSON pointers). */
export class RefResolver {
  constructor(private readonly doc: Json) {}

  /** The value a pointer names, or undefined when the pointer is external or dangling. */
  resolve(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.doc;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  /** Follows `$ref` chains of non-schema objects (parameters, responses, request bodies) to the object itself. */
  deref<T>(value: unknown, seen = new Set<string>()): T | undefined {
    let node = value;
    while (isObject(node) && typeof node.$ref === 'string') {
      if (seen.has(node.$ref)) return undefined;
      seen.add(node.$ref);
      node = this.resolve(node.$ref);
    }
    return node as T | undefined;
  }
}

/** The name of a component schema a `$ref` points at, if it does. */
export function componentSchemaName(ref: string): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match ? decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

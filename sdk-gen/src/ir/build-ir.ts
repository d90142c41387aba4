import { readAuth } from './auth';
import type { ApiIr, Model, Tag, TypeRef } from './ir.types';
import { arr, str, type Json } from './json';
import { readOperations } from './operations';
import { isObject, RefResolver } from './ref-resolver';
import { SchemaConverter } from './schema-converter';
import { SdkGenError } from '../sdk-gen.error';
import { camel, unique, words } from './words';

/** Parses an OpenAPI 3.0 or 3.1 document into the IR. Throws `SDKGEN_SPEC_INVALID` for anything else. */
export function buildIr(doc: unknown): ApiIr {
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !/^3\.[01]\./.test(doc.openapi)) {
    throw new SdkGenError('SDKGEN_SPEC_INVALID', `not an OpenAPI 3.0 or 3.1 document (openapi: ${isObject(doc) ? JSON.stringify(doc.openapi) : typeof doc})`);
  }
  const warnings: string[] = [];
  const resolver = new RefResolver(doc);
  const components = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const schemas = new SchemaConverter(resolver, components, warnings);
  schemas.convertComponents();
  const operations = readOperations(doc, resolver, schemas);
  const models = [...schemas.models.values()];
  breakAliasCycles(models, warnings);
  const info = isObject(doc.info) ? doc.info : {};
  const serverUrl = readServerUrl(doc);
  return {
    title: str(info.title) ?? 'API',
    version: str(info.version) ?? '0.0.0',
    ...(str(info.description) ? { description: str(info.description) } : {}),
    serverUrl,
    auth: readAuth(doc, serverUrl, warnings),
    tags: groupByTag(doc, operations),
    operations,
    models,
    warnings,
  };
}

/** The first server's URL with its variables at their defaults; `/` when the document names none. */
function readServerUrl(doc: Json): string {
  const server = arr(doc.servers).find(isObject);
  if (!server || typeof server.url !== 'string') return '/';
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = variables[name];
    return isObject(v) && v.default !== undefined ? String(v.default) : whole;
  });
}

/** Tags in the document's declared order, then any others in order of first use. */
function groupByTag(doc: Json, operations: ApiIr['operations']): Tag[] {
  const declared = arr(doc.tags).filter(isObject);
  const order = [...declared.map((t) => String(t.name)), ...operations.map((o) => o.tag)];
  const names = new Set<string>();
  const tags: Tag[] = [];
  for (const name of [...new Set(order)]) {
    const ops = operations.filter((o) => o.tag === name);
    if (ops.length === 0) continue;
    let ws = words(name);
    if (ws.length === 0) ws = ['default'];
    const id = unique(camel(ws), names);
    if (id !== camel(ws)) ws = [...ws, id.slice(camel(ws).length)];
    const description = str(declared.find((t) => t.name === name)?.description);
    tags.push({ name, words: ws, ...(description ? { description } : {}), operations: ops });
  }
  return tags;
}

/**
 * An alias that reaches itself through aliases, arrays and maps (`A = A[]`) has no finite type in
 * Java or C#, which inline aliases: such a target becomes any JSON value.
 */
function breakAliasCycles(models: Model[], warnings: string[]): void {
  const byName = new Map(models.map((m) => [m.name, m]));
  const reaches = (t: TypeRef, target: string, seen: Set<string>): boolean => {
    if (t.kind === 'array') return reaches(t.items, target, seen);
    if (t.kind === 'map') return reaches(t.values, target, seen);
    if (t.kind !== 'model') return false;
    if (t.name === target) return true;
    const m = byName.get(t.name);
    if (m?.kind !== 'alias' || seen.has(t.name)) return false;
    seen.add(t.name);
    return reaches(m.target, target, seen);
  };
  for (const m of models) {
    if (m.kind === 'alias' && reaches(m.target, m.name, new Set())) {
      warnings.push(`components.schemas ${m.name}: refers to itself without an object in between; typed as any JSON value`);
      m.target = { kind: 'any', nullable: true };
    }
  }
}

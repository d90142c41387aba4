import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { ApiIr } from '../../ir/ir.types';
import type { Json } from '../../ir/json';
import { isObject, RefResolver } from '../../ir/ref-resolver';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * `schema.ts`: the document's types from openapi-typescript's programmatic API. It reads a
 * normalised copy: every operation carries the IR's operationId (so `operations[key]` exists for
 * each), and path-level parameters are copied into each operation (so parameter types are found
 * in one place).
 */
export async function tsSchemaSource(ir: ApiIr, document: Json): Promise<string> {
  const nodes = await openapiTS(normalised(ir, document) as never, {
    silent: true,
    // Files in multipart and octet-stream bodies are Blobs; elsewhere `format: binary` stays a string.
    transform(schema, options) {
      if (schema.format === 'binary' && /multipart~1form-data|application~1octet-stream/.test(options.path ?? '')) return ts.factory.createTypeReferenceNode('Blob');
      return undefined;
    },
  });
  return astToString(nodes);
}

function normalised(ir: ApiIr, document: Json): Json {
  const doc = structuredClone(document);
  const resolver = new RefResolver(doc);
  const keys = new Map(ir.operations.map((o) => [`${o.method.toLowerCase()} ${o.path}`, o.key]));
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const pathItem = resolver.deref<Json>(item);
    if (!isObject(pathItem)) continue;
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      op.operationId = keys.get(`${method} ${path}`);
      const id = (p: unknown) => {
        const param = resolver.deref<Json>(p);
        return isObject(param) ? `${String(param.in)}:${String(param.name)}` : '';
      };
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      op.parameters = [...shared.filter((p) => !own.some((o) => id(o) === id(p))), ...own];
    }
    delete pathItem.parameters;
  }
  return doc;
}

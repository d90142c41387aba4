import type { BodyEncoding, Model, Operation, Pagination, Parameter, ParameterLocation, RequestBody, SuccessResponse, TypeRef } from './ir.types';
import { arr, str, type Json } from './json';
import { isObject, RefResolver } from './ref-resolver';
import type { SchemaConverter } from './schema-converter';
import { camel, typeName, unique, words } from './words';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Operations of the document in document order, with unique keys and method names. */
export function readOperations(doc: Json, resolver: RefResolver, schemas: SchemaConverter): Operation[] {
  const operations: Operation[] = [];
  const keys = new Set<string>();
  const methodNames = new Set<string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolver.deref<Json>(rawItem);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const key = unique(str(op.operationId) ?? `${method}${typeName(path, '')}`, keys);
      // Two ids that differ only in punctuation or case would make one method name twice.
      let ws = words(key);
      if (ws.length === 0) ws = words(`${method} ${path}`);
      const name = unique(camel(ws), methodNames);
      if (name !== camel(ws)) ws = [...ws, name.slice(camel(ws).length)];
      operations.push(readOperation(doc, resolver, schemas, { key, words: ws, method, path, op, pathParams: arr(item.parameters) }));
    }
  }
  return operations;
}

interface RawOperation {
  key: string;
  words: string[];
  method: string;
  path: string;
  op: Json;
  pathParams: unknown[];
}

function readOperation(doc: Json, resolver: RefResolver, schemas: SchemaConverter, raw: RawOperation): Operation {
  const { key, op } = raw;
  const prefix = typeName(key, 'Operation');
  const parameters = readParameters(resolver, schemas, raw, prefix);
  const body = readBody(resolver, schemas, raw, prefix);
  const response = readResponse(resolver, schemas, raw, prefix);
  const security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : undefined;
  const operation: Operation = {
    key,
    words: raw.words,
    method: raw.method.toUpperCase(),
    path: raw.path,
    tag: str(arr(op.tags)[0]) ?? 'default',
    ...(str(op.summary) ? { summary: str(op.summary) } : {}),
    ...(str(op.description) ? { description: str(op.description) } : {}),
    deprecated: op.deprecated === true,
    parameters,
    ...(body ? { body } : {}),
    response,
    // An empty requirement list, or one holding an empty requirement, makes credentials optional: send none.
    authenticated: !(security !== undefined && (security.length === 0 || security.some((s) => isObject(s) && Object.keys(s).length === 0))),
  };
  const pagination = detectPagination(operation, schemas.models);
  return pagination ? { ...operation, pagination } : operation;
}

function readParameters(resolver: RefResolver, schemas: SchemaConverter, raw: RawOperation, prefix: string): Parameter[] {
  const byKey = new Map<string, Json>();
  // Operation parameters override path-level ones with the same name and location.
  for (const p of [...raw.pathParams, ...arr(raw.op.parameters)]) {
    const param = resolver.deref<Json>(p);
    if (!isObject(param) || typeof param.name !== 'string' || typeof param.in !== 'string') continue;
    byKey.set(`${param.in}:${param.name}`, param);
  }
  const taken = new Set<string>();
  const params: Parameter[] = [];
  for (const param of byKey.values()) {
    const location = param.in as ParameterLocation;
    if (!['path', 'query', 'header', 'cookie'].includes(location)) continue;
    const wireName = param.name as string;
    let ws = words(wireName);
    if (ws.length === 0) ws = ['param'];
    const name = unique(camel(ws), taken);
    if (name !== camel(ws)) ws = [...ws, name.slice(camel(ws).length)];
    const schema = isObject(param.schema) ? param.schema : isObject(param.content) ? (Object.values(param.content).find(isObject) as Json | undefined)?.schema : undefined;
    const type = schemas.toType(schema ?? { type: 'string' }, {
      nameHint: `${prefix}${typeName(wireName, 'Param')}`,
      origin: { root: { kind: 'parameter', operation: raw.key, location, name: wireName }, steps: [] },
      where: `${raw.key} parameter ${wireName}`,
      binary: false,
    });
    const styleName = str(param.style) ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
    const explode = typeof param.explode === 'boolean' ? param.explode : styleName === 'form';
    const style = styleName === 'deepObject' ? 'deepObject' : explode ? 'form' : 'formNoExplode';
    if (!['form', 'simple', 'deepObject'].includes(styleName)) schemas.warnings.push(`${raw.key} parameter ${wireName}: style '${styleName}' is sent as 'form'`);
    params.push({
      wireName,
      words: ws,
      location,
      required: location === 'path' || param.required === true,
      type,
      ...(str(param.description) ? { description: str(param.description) } : {}),
      style,
    });
  }
  return params;
}

const ENCODINGS: Array<[RegExp, BodyEncoding]> = [
  [/^application\/(.+\+)?json$/, 'json'],
  [/^application\/x-www-form-urlencoded$/, 'form'],
  [/^multipart\/form-data$/, 'multipart'],
  [/^(application\/octet-stream|image\/.+|audio\/.+|video\/.+|application\/pdf|application\/zip)$/, 'binary'],
  [/^text\/.+$/, 'text'],
];

/** The media type a client sends: JSON first, then forms, then raw bytes or text. */
function pickMediaType(content: Json): { mediaType: string; encoding: BodyEncoding } | undefined {
  for (const [pattern, encoding] of ENCODINGS) {
    const mediaType = Object.keys(content).find((m) => pattern.test(m.toLowerCase().split(';')[0].trim()));
    if (mediaType) return { mediaType, encoding };
  }
  const first = Object.keys(content)[0];
  return first ? { mediaType: first, encoding: 'binary' } : undefined;
}

function readBody(resolver: RefResolver, schemas: SchemaConverter, raw: RawOperation, prefix: string): RequestBody | undefined {
  const body = resolver.deref<Json>(raw.op.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const picked = pickMediaType(body.content);
  if (!picked) return undefined;
  const media = isObject(body.content[picked.mediaType]) ? (body.content[picked.mediaType] as Json) : {};
  const binary = picked.encoding === 'multipart' || picked.encoding === 'binary';
  let type: TypeRef = picked.encoding === 'binary' ? { kind: 'binary', nullable: false } : picked.encoding === 'text' ? { kind: 'primitive', type: 'string', nullable: false } : schemas.toType(media.schema ?? true, {
    nameHint: `${prefix}Request`,
    origin: { root: { kind: 'requestBody', operation: raw.key, mediaType: picked.mediaType }, steps: [] },
    where: `${raw.key} request body`,
    binary,
  });
  if ((picked.encoding === 'form' || picked.encoding === 'multipart') && !(type.kind === 'model' || type.kind === 'map' || type.kind === 'any')) {
    schemas.warnings.push(`${raw.key} request body: a ${picked.mediaType} body must be an object; typed as any JSON value`);
    type = { kind: 'any', nullable: false };
  }
  return {
    mediaType: picked.mediaType,
    encoding: picked.encoding,
    type,
    required: body.required === true,
    ...(str(body.description) ? { description: str(body.description) } : {}),
  };
}

function readResponse(resolver: RefResolver, schemas: SchemaConverter, raw: RawOperation, prefix: string): SuccessResponse {
  const responses = isObject(raw.op.responses) ? raw.op.responses : {};
  const codes = Object.keys(responses).filter((c) => /^2(\d\d|XX)$/i.test(c)).sort();
  const status = codes[0] ?? (responses.default !== undefined ? 'default' : '200');
  const response = resolver.deref<Json>(responses[status]);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const picked = pickMediaType(content);
  if (!picked || status === '204') return { status, kind: 'empty' };
  const media = isObject(content[picked.mediaType]) ? (content[picked.mediaType] as Json) : {};
  if (picked.encoding === 'binary' || picked.encoding === 'multipart') return { status, kind: 'binary', mediaType: picked.mediaType, type: { kind: 'binary', nullable: false } };
  if (picked.encoding === 'text') return { status, kind: 'text', mediaType: picked.mediaType, type: { kind: 'primitive', type: 'string', nullable: false } };
  if (picked.encoding === 'form') schemas.warnings.push(`${raw.key} response: ${picked.mediaType} responses are read as JSON`);
  const type = schemas.toType(media.schema ?? true, {
    nameHint: `${prefix}Response`,
    origin: { root: { kind: 'response', operation: raw.key, status, mediaType: picked.mediaType }, steps: [] },
    where: `${raw.key} response ${status}`,
    binary: false,
  });
  return { status, kind: 'json', mediaType: picked.mediaType, type };
}

/** The hub's list convention: a `cursor` query parameter, and a response with `nextCursor` and an item array (`data` first). */
function detectPagination(op: Operation, models: Map<string, Model>): Pagination | undefined {
  const cursor = op.parameters.find((p) => p.location === 'query' && p.wireName === 'cursor');
  if (!cursor || op.response.type?.kind !== 'model') return undefined;
  const model = models.get(op.response.type.name);
  if (model?.kind !== 'object') return undefined;
  if (!model.properties.some((p) => p.wireName === 'nextCursor')) return undefined;
  const arrays = model.properties.filter((p) => p.type.kind === 'array');
  const items = arrays.find((p) => p.wireName === 'data') ?? (arrays.length === 1 ? arrays[0] : undefined);
  if (!items || items.type.kind !== 'array') return undefined;
  return { cursorParam: cursor.wireName, nextCursorField: 'nextCursor', itemsField: items.wireName, itemType: items.type.items };
}

/**
 * The language-neutral intermediate representation every emitter reads. The OpenAPI document is
 * parsed once into it: references resolved, inline schemas named, `allOf` flattened, nullability
 * normalised across the 3.0 and 3.1 dialects, list operations recognised. Emitters never look at
 * the document itself (the Node emitter hands a normalised copy to openapi-typescript, no more).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type Primitive = 'string' | 'integer' | 'number' | 'boolean';

/** Where a type is used. `nullable` means JSON `null` is a valid value there. */
export type TypeRef =
  | { kind: 'primitive'; type: Primitive; format?: string; nullable: boolean }
  | { kind: 'array'; items: TypeRef; nullable: boolean }
  | { kind: 'map'; values: TypeRef; nullable: boolean }
  | { kind: 'model'; name: string; nullable: boolean }
  /** Raw bytes: a multipart file part or an octet-stream body or response. */
  | { kind: 'binary'; nullable: boolean }
  /** Any JSON value: what a construct that cannot be typed precisely falls back to. */
  | { kind: 'any'; nullable: boolean };

/**
 * Where a named model's schema sits in the document, as a root and a path of steps: the Node
 * emitter turns it into an index expression over openapi-typescript's types.
 */
export interface Origin {
  root:
    | { kind: 'schema'; name: string }
    | { kind: 'requestBody'; operation: string; mediaType: string }
    | { kind: 'response'; operation: string; status: string; mediaType: string }
    | { kind: 'parameter'; operation: string; location: ParameterLocation; name: string };
  steps: Array<{ kind: 'property'; name: string } | { kind: 'items' } | { kind: 'values' } | { kind: 'variant'; index: number }>;
}

interface ModelBase {
  /** PascalCase, unique across the API, made of ASCII letters and digits only. */
  name: string;
  description?: string;
  deprecated: boolean;
  origin: Origin;
}

export interface Property {
  /** The JSON member name, exactly as on the wire. */
  wireName: string;
  type: TypeRef;
  required: boolean;
  description?: string;
  default?: JsonValue;
  readOnly: boolean;
  deprecated: boolean;
}

export interface ObjectModel extends ModelBase {
  kind: 'object';
  properties: Property[];
  /** Type of members besides `properties`, when the schema declares them (a schema or `true`). */
  additional?: TypeRef;
}

export interface EnumModel extends ModelBase {
  kind: 'enum';
  valueType: 'string' | 'integer';
  values: Array<string | number>;
}

export interface UnionVariant {
  /** PascalCase, unique within the union: a model name or a primitive's type name. */
  name: string;
  type: TypeRef;
}

export interface UnionModel extends ModelBase {
  kind: 'union';
  variants: UnionVariant[];
  discriminator?: { property: string; mapping: Array<{ value: string; variant: string }> };
}

/** A named schema that is not an object, enum or union (an array, a map, a string…). */
export interface AliasModel extends ModelBase {
  kind: 'alias';
  target: TypeRef;
}

export type Model = ObjectModel | EnumModel | UnionModel | AliasModel;

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  wireName: string;
  /** Words of a language-neutral name, unique within the operation (`X-Request-Id` → x, request, id). */
  words: string[];
  location: ParameterLocation;
  required: boolean;
  type: TypeRef;
  description?: string;
  /** Query serialisation: `form` (repeated keys), `formNoExplode` (comma-joined) or `deepObject`. */
  style: 'form' | 'formNoExplode' | 'deepObject';
}

export type BodyEncoding = 'json' | 'form' | 'multipart' | 'binary' | 'text';

export interface RequestBody {
  mediaType: string;
  encoding: BodyEncoding;
  type: TypeRef;
  required: boolean;
  description?: string;
}

export type ResponseKind = 'json' | 'binary' | 'text' | 'empty';

export interface SuccessResponse {
  status: string;
  kind: ResponseKind;
  mediaType?: string;
  type?: TypeRef;
}

/** A list operation the SDKs can iterate: `cursor` in, `nextCursor` and an item array out. */
export interface Pagination {
  cursorParam: string;
  nextCursorField: string;
  itemsField: string;
  itemType: TypeRef;
}

export interface Operation {
  /** The operationId (or one made from method and path), unique; openapi-typescript's key. */
  key: string;
  /** Words of the method name (`listFlowRuns` → list, flow, runs). */
  words: string[];
  method: string;
  path: string;
  tag: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: Parameter[];
  body?: RequestBody;
  response: SuccessResponse;
  /** False when the operation's security is explicitly empty (a public endpoint). */
  authenticated: boolean;
  pagination?: Pagination;
}

export interface Tag {
  name: string;
  words: string[];
  description?: string;
  operations: Operation[];
}

/** How credentials are sent; an API key goes in `Authorization: Bearer …` unless an `apiKey` scheme says otherwise. */
export interface Auth {
  apiKey?: { name: string; in: 'header' | 'query' | 'cookie' };
  oauth2?: { tokenUrl: string; tokenUrlBase: 'absolute' | 'api' | 'origin'; scopes: string[] };
}

export interface ApiIr {
  title: string;
  version: string;
  description?: string;
  /** Absolute URL, or a path (`/api/v1`) the client appends to its base URL. */
  serverUrl: string;
  auth: Auth;
  tags: Tag[];
  operations: Operation[];
  models: Model[];
  warnings: string[];
}

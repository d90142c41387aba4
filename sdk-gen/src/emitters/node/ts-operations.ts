import type { Operation, Parameter, TypeRef } from '../../ir/ir.types';
import { pascal, unique } from '../../ir/words';
import type { TsModelNames } from './ts-names';
import { tsIdent, tsString } from './ts-syntax';

/** How one operation is spelled in TypeScript: argument names and the types at each position. */
export interface TsOperation {
  op: Operation;
  method: string;
  pathArgs: Array<{ ident: string; param: Parameter; type: string }>;
  body?: { ident: string; type: string };
  /** Query, header and cookie parameters, as properties of one `params` object. */
  params?: { interfaceName: string; ident: string; required: boolean; members: Array<{ ident: string; param: Parameter; type: string }> };
  returnType: string;
}

const opType = (op: Operation) => `S.operations[${tsString(op.key)}]`;

const PRIMITIVES = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' };

/** The type spelled plainly: a primitive, an array of primitives, or `M.Alias` for a model that has one. */
function plain(t: TypeRef, names: TsModelNames): string | undefined {
  const nullable = t.nullable ? ' | null' : '';
  if (t.kind === 'primitive') return `${PRIMITIVES[t.type]}${nullable}`;
  if (t.kind === 'model' && names.types.has(t.name)) return `M.${names.types.get(t.name)}${nullable}`;
  if (t.kind === 'array' && t.items.kind === 'primitive' && !t.items.nullable) return `${PRIMITIVES[t.items.type]}[]${nullable}`;
  return undefined;
}

/** The plain spelling when there is one, else the openapi-typescript expression given. */
function ref(t: TypeRef | undefined, names: TsModelNames, fallback: string): string {
  return (t && plain(t, names)) ?? fallback;
}

export function tsOperation(op: Operation, method: string, names: TsModelNames, paramsNames: Set<string>): TsOperation {
  const taken = new Set<string>();
  const paramType = (p: Parameter) => ref(p.type, names, `NonNullable<${opType(op)}["parameters"][${tsString(p.location)}]>[${tsString(p.wireName)}]`);
  const pathArgs = op.parameters.filter((p) => p.location === 'path').map((param) => ({ ident: unique(tsIdent(param.words), taken), param, type: paramType(param) }));
  let body: TsOperation['body'];
  if (op.body) {
    const b = op.body;
    const type = b.encoding === 'binary' ? 'Blob | Uint8Array' : b.encoding === 'text' ? 'string' : ref(b.type, names, `NonNullable<${opType(op)}["requestBody"]>["content"][${tsString(b.mediaType)}]`);
    body = { ident: unique('body', taken), type };
  }
  const rest = op.parameters.filter((p) => p.location !== 'path');
  let params: TsOperation['params'];
  if (rest.length > 0) {
    const memberNames = new Set<string>();
    params = {
      interfaceName: unique(`${pascal(op.words)}Params`, paramsNames),
      ident: unique('params', taken),
      required: rest.some((p) => p.required),
      members: rest.map((param) => ({ ident: unique(tsIdent(param.words), memberNames), param, type: paramType(param) })),
    };
  }
  const r = op.response;
  const returnType = r.kind === 'empty' ? 'void' : r.kind === 'binary' ? 'Uint8Array' : r.kind === 'text' ? 'string' : ref(r.type, names, `${opType(op)}["responses"][${/^\d+$/.test(r.status) ? r.status : tsString(r.status)}]["content"][${tsString(r.mediaType!)}]`);
  return { op, method, pathArgs, ...(body ? { body } : {}), ...(params ? { params } : {}), returnType };
}

/** Type of a list operation's items. */
export function tsItemType(t: TsOperation, names: TsModelNames): string {
  const p = t.op.pagination!;
  return ref(p.itemType, names, `NonNullable<${t.returnType}>[${tsString(p.itemsField)}][number]`);
}

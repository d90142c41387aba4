import type { ApiIr, Operation, Tag } from '../../ir/ir.types';
import { pascal, unique } from '../../ir/words';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import type { TsModelNames } from './ts-names';
import { tsItemType, tsOperation, type TsOperation } from './ts-operations';
import { tsDoc, tsIdent, tsString } from './ts-syntax';

export const tsApiClass = (tag: Tag): string => `${pascal(tag.words)}Api`;
export const tsApiModule = (tag: Tag): string => tag.words.join('-');

/** The TypeScript spelling of every operation, per tag; Params interface names are unique across the API. */
export function tsOperations(ir: ApiIr, names: TsModelNames): Map<Tag, Array<{ t: TsOperation; iterator?: string }>> {
  const paramsNames = new Set<string>();
  return new Map(
    ir.tags.map((tag) => {
      const methods = new Set<string>();
      return [tag, tag.operations.map((op) => {
        const t = tsOperation(op, unique(tsIdent(op.words), methods), names, paramsNames);
        return { t, ...(op.pagination ? { iterator: unique(`${t.method}Iter`, methods) } : {}) };
      })];
    }),
  );
}

/** `api/<tag>.ts`: one class per tag, one method per operation (and an async iterator per list operation). */
export function tsApiSource(ir: ApiIr, tag: Tag, ops: Array<{ t: TsOperation; iterator?: string }>, names: TsModelNames): string {
  const w = new CodeWriter('  ');
  w.each(tsDoc(headerLines(ir).join('\n')));
  w.line('import type * as S from "../schema";');
  w.line('import type * as M from "../models";');
  w.line('import type * as P from "../params";');
  w.line('import type { Transport } from "../runtime/transport";');
  w.line();
  w.each(tsDoc([`Operations tagged ${tag.name}.`, tag.description ?? ''].filter(Boolean).join('\n\n')));
  w.line(`export class ${tsApiClass(tag)} {`);
  w.indent(() => {
    // A private name cannot clash with an operation's method name.
    w.line('readonly #transport: Transport;');
    w.line();
    w.line('constructor(transport: Transport) {');
    w.indent(() => w.line('this.#transport = transport;'));
    w.line('}');
    for (const { t, iterator } of ops) {
      w.line();
      emitMethod(w, t);
      if (iterator) {
        w.line();
        emitIterator(w, t, iterator, names);
      }
    }
  });
  w.line('}');
  return w.toString();
}

function argList(t: TsOperation): string {
  const args = t.pathArgs.map((a) => `${a.ident}: ${a.type}`);
  if (t.body) args.push(t.op.body!.required ? `${t.body.ident}: ${t.body.type}` : `${t.body.ident}?: ${t.body.type}`);
  if (t.params) args.push(t.params.required ? `${t.params.ident}: P.${t.params.interfaceName}` : `${t.params.ident}: P.${t.params.interfaceName} = {}`);
  return args.join(', ');
}

function doc(op: Operation, extra?: string): string[] {
  return tsDoc([op.summary ?? `${op.method} ${op.path}`, op.description ?? '', extra ?? '', op.deprecated ? '@deprecated' : ''].filter(Boolean).join('\n\n'));
}

function emitMethod(w: CodeWriter, t: TsOperation): void {
  const { op } = t;
  w.each(doc(op));
  w.line(`${t.method}(${argList(t)}): Promise<${t.returnType}> {`);
  w.indent(() => {
    w.line('return this.#transport.request({');
    w.indent(() => {
      w.line(`method: ${tsString(op.method)},`);
      w.line(`path: ${tsString(op.path)},`);
      if (t.pathArgs.length > 0) w.line(`pathParams: { ${t.pathArgs.map((a) => `${tsString(a.param.wireName)}: ${a.ident}`).join(', ')} },`);
      const members = (loc: string) => (t.params?.members ?? []).filter((m) => m.param.location === loc);
      const access = (ident: string) => `${t.params!.ident}.${ident}`;
      if (members('query').length > 0) w.line(`query: [${members('query').map((m) => `[${tsString(m.param.wireName)}, ${access(m.ident)}, ${tsString(m.param.style)}]`).join(', ')}],`);
      if (members('header').length > 0) w.line(`headers: { ${members('header').map((m) => `${tsString(m.param.wireName)}: ${access(m.ident)}`).join(', ')} },`);
      if (members('cookie').length > 0) w.line(`cookies: { ${members('cookie').map((m) => `${tsString(m.param.wireName)}: ${access(m.ident)}`).join(', ')} },`);
      if (t.body) w.line(`body: ${t.body.ident}, bodyEncoding: ${tsString(op.body!.encoding)}, mediaType: ${tsString(op.body!.mediaType)},`);
      w.line(`response: ${tsString(op.response.kind)},`);
      if (!op.authenticated) w.line('authenticated: false,');
    });
    w.line('});');
  });
  w.line('}');
}

function emitIterator(w: CodeWriter, t: TsOperation, name: string, names: TsModelNames): void {
  const p = t.op.pagination!;
  const cursor = t.params!.members.find((m) => m.param.wireName === p.cursorParam)!;
  const args = [...t.pathArgs.map((a) => a.ident), ...(t.body ? [t.body.ident] : []), `{ ...${t.params!.ident}, ${cursor.ident}: __cursor }`];
  w.each(doc(t.op, `Iterates over the items of every page, following \`${p.nextCursorField}\` from \`${cursor.ident}\` on.`));
  w.line(`${name}(${argList(t)}): AsyncGenerator<${tsItemType(t, names)}, void, undefined> {`);
  w.indent(() => {
    w.line(`return this.#transport.paginate((__cursor) => this.${t.method}(${args.join(', ')}), ${t.params!.ident}.${cursor.ident}, ${tsString(p.itemsField)}, ${tsString(p.nextCursorField)});`);
  });
  w.line('}');
}

/** `params.ts`: the query, header and cookie parameters of each operation, as one object type each. */
export function tsParamsSource(ir: ApiIr, all: Map<Tag, Array<{ t: TsOperation }>>): string {
  const w = new CodeWriter('  ');
  w.each(tsDoc(headerLines(ir).join('\n')));
  w.line('import type * as S from "./schema";');
  w.line('import type * as M from "./models";');
  for (const ops of all.values()) {
    for (const { t } of ops) {
      if (!t.params) continue;
      w.line();
      w.each(tsDoc(`Query, header and cookie parameters of \`${t.method}\`.`));
      w.line(`export interface ${t.params.interfaceName} {`);
      w.indent(() => {
        for (const m of t.params!.members) {
          if (m.param.description) w.each(tsDoc(m.param.description));
          w.line(`${m.ident}${m.param.required ? '' : '?'}: ${m.type};`);
        }
      });
      w.line('}');
    }
  }
  return w.toString();
}

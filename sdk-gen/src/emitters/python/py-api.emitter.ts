import type { ApiIr, Operation, Parameter, Tag } from '../../ir/ir.types';
import { unique } from '../../ir/words';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import { pyClassFromWords, pyComment, pyDocstring, pyIdent, pyString } from './py-syntax';
import { pyType } from './py-types';

const modelRef = (name: string) => `_m.${name}`;

export const pyApiClass = (tag: Tag): string => `${pyClassFromWords(tag.words)}Api`;
export const pyApiModule = (tag: Tag): string => pyIdent(tag.words);

/** `api/<tag>.py`: one class per tag, one method per operation (and an iterator per list operation). */
export function pyApiModuleSource(ir: ApiIr, tag: Tag): string {
  const w = new CodeWriter();
  w.each(headerLines(ir).flatMap(pyComment));
  w.line('from __future__ import annotations');
  w.line();
  w.line('import typing as _t');
  w.line();
  w.line('from .. import models as _m');
  w.line('from .._pagination import paginate as _paginate');
  w.line('from .._transport import Transport as _Transport');
  w.line();
  w.line();
  w.line(`class ${pyApiClass(tag)}:`);
  w.indent(() => {
    w.line(pyDocstring([`Operations tagged ${tag.name}.`, tag.description ?? ''].filter(Boolean).join('\n\n')));
    w.line();
    w.line('def __init__(self, transport: _Transport) -> None:');
    w.indent(() => w.line('self._transport = transport'));
    const names = new Set<string>();
    for (const op of tag.operations) {
      const name = unique(pyIdent(op.words), names);
      w.line();
      emitOperation(w, op, name);
      if (op.pagination) {
        w.line();
        emitIterator(w, op, name, unique(`${name}_iter`, names));
      }
    }
  });
  return w.toString();
}

interface Arg {
  ident: string;
  param?: Parameter;
}

/** Argument names: path parameters, then the body, then the rest (keyword-only); unique within the method. */
function args(op: Operation): { positional: Arg[]; keyword: Arg[]; body?: string } {
  const taken = new Set<string>();
  const positional = op.parameters.filter((p) => p.location === 'path').map((p) => ({ ident: unique(pyIdent(p.words), taken), param: p }));
  const body = op.body ? unique('body', taken) : undefined;
  const keyword = op.parameters.filter((p) => p.location !== 'path').map((p) => ({ ident: unique(pyIdent(p.words), taken), param: p }));
  return { positional, keyword, ...(body ? { body } : {}) };
}

function signature(op: Operation, a: ReturnType<typeof args>): string {
  const parts = ['self', ...a.positional.map((x) => `${x.ident}: ${pyType(x.param!.type, modelRef)}`)];
  if (op.body && a.body) parts.push(op.body.required ? `${a.body}: ${pyType(op.body.type, modelRef)}` : `${a.body}: _t.Optional[${pyType(op.body.type, modelRef)}] = None`);
  if (a.keyword.length > 0) parts.push('*');
  // Required keyword-only parameters first: Python accepts them in any order, readers prefer this one.
  const sorted = [...a.keyword.filter((x) => x.param!.required), ...a.keyword.filter((x) => !x.param!.required)];
  for (const x of sorted) parts.push(x.param!.required ? `${x.ident}: ${pyType(x.param!.type, modelRef)}` : `${x.ident}: _t.Optional[${pyType(x.param!.type, modelRef)}] = None`);
  return parts.join(', ');
}

function returnType(op: Operation): string {
  if (op.response.kind === 'empty') return 'None';
  return pyType(op.response.type!, modelRef);
}

function docstring(op: Operation, extra?: string): string {
  const params = op.parameters.filter((p) => p.description).map((p) => `${p.wireName}: ${p.description}`);
  return pyDocstring([op.summary ?? `${op.method} ${op.path}`, op.description ?? '', extra ?? '', op.deprecated ? 'Deprecated.' : '', params.join('\n')].filter(Boolean).join('\n\n'));
}

function emitOperation(w: CodeWriter, op: Operation, name: string): void {
  const a = args(op);
  w.line(`def ${name}(${signature(op, a)}) -> ${returnType(op)}:`);
  w.indent(() => {
    w.line(docstring(op));
    w.line('return self._transport.request(');
    w.indent(() => {
      w.line(`${pyString(op.method)},`);
      w.line(`${pyString(op.path)},`);
      const byLocation = (loc: string) => a.keyword.filter((x) => x.param!.location === loc);
      if (a.positional.length > 0) w.line(`path_params={${a.positional.map((x) => `${pyString(x.param!.wireName)}: ${x.ident}`).join(', ')}},`);
      if (byLocation('query').length > 0) w.line(`query=[${byLocation('query').map((x) => `(${pyString(x.param!.wireName)}, ${x.ident}, ${pyString(x.param!.style)})`).join(', ')}],`);
      if (byLocation('header').length > 0) w.line(`headers={${byLocation('header').map((x) => `${pyString(x.param!.wireName)}: ${x.ident}`).join(', ')}},`);
      if (byLocation('cookie').length > 0) w.line(`cookies={${byLocation('cookie').map((x) => `${pyString(x.param!.wireName)}: ${x.ident}`).join(', ')}},`);
      if (op.body && a.body) w.line(`body=${a.body}, body_encoding=${pyString(op.body.encoding)}, media_type=${pyString(op.body.mediaType)},`);
      w.line(`response=${pyString(op.response.kind)},`);
      if (!op.authenticated) w.line('authenticated=False,');
    });
    w.line(')');
  });
}

function emitIterator(w: CodeWriter, op: Operation, method: string, name: string): void {
  const a = args(op);
  const p = op.pagination!;
  const cursor = a.keyword.find((x) => x.param!.wireName === p.cursorParam)!;
  // `__cursor` cannot clash with a parameter: generated identifiers never start with an underscore.
  const call = [...a.positional.map((x) => x.ident), ...(a.body ? [a.body] : []), ...a.keyword.map((x) => `${x.ident}=${x === cursor ? '__cursor' : x.ident}`)].join(', ');
  w.line(`def ${name}(${signature(op, a)}) -> _t.Iterator[${pyType(p.itemType, modelRef)}]:`);
  w.indent(() => {
    w.line(docstring(op, `Iterates over the items of every page, following ${p.nextCursorField} from ${cursor.ident} on.`));
    w.line(`return _paginate(lambda __cursor: self.${method}(${call}), ${cursor.ident}, ${pyString(p.itemsField)}, ${pyString(p.nextCursorField)})`);
  });
}

import type { ApiIr, Operation, Parameter, Tag, TypeRef } from '../../ir/ir.types';
import { pascal, unique } from '../../ir/words';
import { CodeWriter } from '../code-writer';
import { javaDoc, javaHeader, javaIdent, javaString } from './java-syntax';
import type { JavaTypes } from './java-types';

export const javaApiClass = (tag: Tag): string => `${pascal(tag.words)}Api`;

interface Arg {
  ident: string;
  type: string;
  param?: Parameter;
}

/** The Java spelling of an operation: positional arguments (path, body, required others) and an optional-parameters class. */
interface JavaOperation {
  op: Operation;
  method: string;
  iterator?: string;
  positional: Arg[];
  body?: Arg;
  optional?: { className: string; members: Arg[] };
  returnType: string;
}

function javaOperation(op: Operation, method: string, types: JavaTypes, classNames: Set<string>): JavaOperation {
  const taken = new Set<string>(['params']);
  const arg = (param: Parameter): Arg => ({ ident: unique(javaIdent(param.words), taken), type: types.type(param.type), param });
  const path = op.parameters.filter((p) => p.location === 'path').map(arg);
  const body = op.body ? { ident: unique('body', taken), type: op.body.encoding === 'binary' ? 'byte[]' : op.body.encoding === 'text' ? 'String' : types.type(op.body.type) } : undefined;
  const required = op.parameters.filter((p) => p.location !== 'path' && p.required).map(arg);
  const optionalParams = op.parameters.filter((p) => p.location !== 'path' && !p.required);
  const memberNames = new Set<string>();
  const optional = optionalParams.length > 0 ? { className: unique(`${pascal(op.words)}Params`, classNames), members: optionalParams.map((param) => ({ ident: unique(javaIdent(param.words), memberNames), type: types.type(param.type), param })) } : undefined;
  const r = op.response;
  const returnType = r.kind === 'empty' ? 'void' : r.kind === 'binary' ? 'byte[]' : r.kind === 'text' ? 'String' : types.type(r.type!);
  return { op, method, positional: [...path, ...(body ? [body] : []), ...required], ...(body ? { body } : {}), ...(optional ? { optional } : {}), returnType };
}

/** Model classes a type mentions, for single-type imports (on-demand ones would be ambiguous with java.lang). */
function modelsOf(t: TypeRef | undefined, types: JavaTypes, out: Set<string>): void {
  if (!t) return;
  const spelled = types.type(t);
  for (const name of types.names.values()) if (new RegExp(`\\b${name}\\b`).test(spelled)) out.add(name);
}

/** `<Tag>Api.java`: one method per operation, an overload without optional parameters, an iterator per list operation. */
export function javaApiFile(ir: ApiIr, pkg: string, tag: Tag, types: JavaTypes): string {
  const methods = new Set<string>();
  const classNames = new Set<string>(types.taken);
  const ops = tag.operations.map((op) => {
    const j = javaOperation(op, unique(javaIdent(op.words), methods), types, classNames);
    return op.pagination ? { ...j, iterator: unique(`${j.method}Iter`, methods) } : j;
  });
  const used = new Set<string>();
  for (const j of ops) {
    for (const t of [j.op.response.type, j.op.body?.type, j.op.pagination?.itemType, ...j.op.parameters.map((p) => p.type)]) modelsOf(t, types, used);
  }
  const w = new CodeWriter();
  w.each(javaHeader(ir));
  w.line(`package ${pkg};`);
  w.line();
  w.line('import java.util.List;');
  w.line('import java.util.Map;');
  for (const name of [...used].sort()) w.line(`import ${pkg}.models.${name};`);
  w.line();
  w.each(javaDoc([`Operations tagged ${tag.name}.`, tag.description ?? ''].filter(Boolean).join('\n\n')));
  w.line('@SuppressWarnings("unused")');
  w.line(`public final class ${javaApiClass(tag)} {`);
  w.indent(() => {
    w.line('private final HttpTransport transport;');
    w.line();
    w.line(`${javaApiClass(tag)}(HttpTransport transport) {`);
    w.indent(() => w.line('this.transport = transport;'));
    w.line('}');
    for (const j of ops) emitOperation(w, j, types);
  });
  w.line('}');
  return w.toString();
}

function doc(op: Operation, extra?: string): string[] {
  const params = op.parameters.filter((p) => p.description).map((p) => `${p.wireName}: ${p.description}`);
  return javaDoc([op.summary ?? `${op.method} ${op.path}`, op.description ?? '', extra ?? '', op.deprecated ? 'Deprecated.' : '', params.join('\n')].filter(Boolean).join('\n\n'));
}

function emitOperation(w: CodeWriter, j: JavaOperation, types: JavaTypes): void {
  const { op } = j;
  // `$` only appears in mechanically generated names (JLS 3.8), so these never clash with an operation's.
  const spec = `${j.method}$spec`;
  const params = j.optional ? [...j.positional, { ident: 'params', type: j.optional.className }] : j.positional;
  const decl = params.map((a) => `${a.type} ${a.ident}`).join(', ');
  const call = `this.transport.send(this.${spec}(${params.map((a) => a.ident).join(', ')}))`;
  w.line();
  w.each(doc(op));
  w.line(`public ${j.returnType} ${j.method}(${decl}) {`);
  w.indent(() => {
    if (op.response.kind === 'empty') w.line(`${call};`);
    else if (op.response.kind === 'json') w.line(`return ${types.decode(op.response.type!, call)};`);
    else w.line(`return (${j.returnType}) ${call};`);
  });
  w.line('}');
  if (j.optional) {
    w.line();
    w.each(doc(op, 'Without optional parameters.'));
    w.line(`public ${j.returnType} ${j.method}(${j.positional.map((a) => `${a.type} ${a.ident}`).join(', ')}) {`);
    w.indent(() => w.line(`${op.response.kind === 'empty' ? '' : 'return '}this.${j.method}(${[...j.positional.map((a) => a.ident), `new ${j.optional!.className}()`].join(', ')});`));
    w.line('}');
  }
  if (j.iterator && j.optional) {
    const p = op.pagination!;
    const cursor = j.optional.members.find((m) => m.param!.wireName === p.cursorParam)!;
    w.line();
    w.each(doc(op, `Iterates over the items of every page, following ${p.nextCursorField} from the cursor parameter on.`));
    w.line(`public Iterable<${types.type(p.itemType)}> ${j.iterator}(${decl}) {`);
    w.indent(() => {
      const fetch = `cursor$ -> this.transport.send(this.${spec}(${params.map((a) => a.ident).join(', ')}).query(${javaString(p.cursorParam)}, cursor$, "form"))`;
      w.line(`return new PageIterable<>(${fetch}, params.${cursor.ident}, ${javaString(p.itemsField)}, ${javaString(p.nextCursorField)}, v$ -> ${types.decode(p.itemType, 'v$', 1)});`);
    });
    w.line('}');
    w.line();
    w.each(doc(op, 'Iterates over every page, without optional parameters.'));
    w.line(`public Iterable<${types.type(p.itemType)}> ${j.iterator}(${j.positional.map((a) => `${a.type} ${a.ident}`).join(', ')}) {`);
    w.indent(() => w.line(`return this.${j.iterator}(${[...j.positional.map((a) => a.ident), `new ${j.optional!.className}()`].join(', ')});`));
    w.line('}');
  }
  w.line();
  w.line(`private RequestSpec ${spec}(${decl}) {`);
  w.indent(() => {
    w.line(`return new RequestSpec(${javaString(op.method)}, ${javaString(op.path)})`);
    w.indent(() => {
      const value = (a: Arg) => (j.optional?.members.includes(a) ? `params.${a.ident}` : a.ident);
      const all = [...j.positional.filter((a) => a.param), ...(j.optional?.members ?? [])];
      for (const a of all) {
        const loc = a.param!.location;
        const name = javaString(a.param!.wireName);
        if (loc === 'path') w.line(`.pathParam(${name}, ${value(a)})`);
        else if (loc === 'query') w.line(`.query(${name}, ${value(a)}, ${javaString(a.param!.style)})`);
        else if (loc === 'header') w.line(`.header(${name}, ${value(a)})`);
        else w.line(`.cookie(${name}, ${value(a)})`);
      }
      if (j.body) w.line(`.body(${j.body.ident}, ${javaString(op.body!.encoding)}, ${javaString(op.body!.mediaType)})`);
      if (!op.authenticated) w.line('.anonymous()');
      w.line(`.response(${javaString(op.response.kind)});`);
    });
  });
  w.line('}');
  if (j.optional) {
    w.line();
    w.each(javaDoc(`Optional query, header and cookie parameters of ${j.method}; unset ones are not sent.`));
    w.line(`public static final class ${j.optional.className} {`);
    w.indent(() => {
      for (const m of j.optional!.members) w.line(`private ${m.type} ${m.ident};`);
      for (const m of j.optional!.members) {
        w.line();
        if (m.param!.description) w.each(javaDoc(m.param!.description));
        w.line(`public ${j.optional!.className} ${m.ident}(${m.type} value) {`);
        w.indent(() => {
          w.line(`this.${m.ident} = value;`);
          w.line('return this;');
        });
        w.line('}');
      }
    });
    w.line('}');
  }
}

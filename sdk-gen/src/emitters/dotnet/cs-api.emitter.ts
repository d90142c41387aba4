import type { ApiIr, Operation, Parameter, Tag } from '../../ir/ir.types';
import { unique } from '../../ir/words';
import { CodeWriter } from '../code-writer';
import { csComment } from './cs-models.emitter';
import { csDoc, csIdent, csMember, csString } from './cs-syntax';
import type { CsTypes } from './cs-types';

export const csApiClass = (tag: Tag): string => `${csMember(tag.words)}Api`;

const M = 'Models.';

interface Arg {
  ident: string;
  type: string;
  param?: Parameter;
  optional: boolean;
}

/** The C# spelling of an operation: required arguments, then optional ones defaulting to null. */
interface CsOperation {
  op: Operation;
  name: string;
  iterator?: string;
  spec: string;
  args: Arg[];
  body?: Arg;
  returnType: string;
}

function csOperation(op: Operation, names: Set<string>, types: CsTypes): CsOperation {
  const base = csMember(op.words);
  const taken = new Set(['cancellationToken']);
  const arg = (param: Parameter): Arg => ({ ident: unique(csIdent(param.words), taken), type: types.type(param.type, M), param, optional: !param.required });
  const path = op.parameters.filter((p) => p.location === 'path').map(arg);
  const body: Arg | undefined = op.body
    ? { ident: unique('body', taken), type: op.body.encoding === 'binary' ? 'byte[]' : op.body.encoding === 'text' ? 'string' : types.type(op.body.type, M), optional: !op.body.required }
    : undefined;
  const others = op.parameters.filter((p) => p.location !== 'path').map(arg);
  const all = [...path, ...(body ? [body] : []), ...others];
  const r = op.response;
  const returnType = r.kind === 'empty' ? 'Task' : `Task<${r.kind === 'binary' ? 'byte[]' : r.kind === 'text' ? 'string' : types.type(r.type!, M)}>`;
  return {
    op,
    name: unique(`${base}Async`, names),
    ...(op.pagination ? { iterator: unique(`${base}Iter`, names) } : {}),
    // Trailing underscores never appear in generated member names, so the helper cannot clash with an operation.
    spec: unique(`${base}Spec_`, names),
    // C# wants optional parameters last.
    args: [...all.filter((a) => !a.optional), ...all.filter((a) => a.optional)],
    ...(body ? { body } : {}),
    returnType,
  };
}

/** `Api/<Tag>Api.cs`: an async method per operation and a synchronous iterator per list operation. */
export function csApiFile(ir: ApiIr, ns: string, tag: Tag, types: CsTypes): string {
  const className = csApiClass(tag);
  const names = new Set([className, 'Equals', 'GetHashCode', 'ToString', 'GetType']);
  const ops = tag.operations.map((op) => csOperation(op, names, types));
  const w = new CodeWriter();
  w.each(csComment(ir));
  w.line(`namespace ${ns}`);
  w.line('{');
  w.indent(() => {
    w.line('using System.Collections.Generic;');
    w.line('using System.Threading;');
    w.line('using System.Threading.Tasks;');
    w.line();
    w.each(csDoc([`Operations tagged ${tag.name}.`, tag.description ?? ''].filter(Boolean).join('\n\n')));
    w.line(`public sealed class ${className}`);
    w.line('{');
    w.indent(() => {
      w.line('private readonly HttpTransport transport;');
      w.line();
      w.line(`internal ${className}(HttpTransport transport)`);
      w.line('{');
      w.indent(() => w.line('this.transport = transport;'));
      w.line('}');
      for (const c of ops) emitOperation(w, c, types);
    });
    w.line('}');
  });
  w.line('}');
  return w.toString();
}

function doc(op: Operation, extra?: string): string[] {
  const params = op.parameters.filter((p) => p.description).map((p) => `${p.wireName}: ${p.description}`);
  return csDoc([op.summary ?? `${op.method} ${op.path}`, op.description ?? '', extra ?? '', op.deprecated ? 'Deprecated.' : '', params.join('\n')].filter(Boolean).join('\n\n'));
}

function emitOperation(w: CodeWriter, c: CsOperation, types: CsTypes): void {
  const { op } = c;
  const decl = (extra: string[]) => [...c.args.map((a) => `${a.type} ${a.ident}${a.optional ? ' = null' : ''}`), ...extra].join(', ');
  const passed = c.args.map((a) => a.ident).join(', ');
  const send = `await this.transport.SendAsync(this.${c.spec}(${passed}), cancellationToken).ConfigureAwait(false)`;
  w.line();
  w.each(doc(op));
  w.line(`public async ${c.returnType} ${c.name}(${decl(['CancellationToken cancellationToken = default(CancellationToken)'])})`);
  w.line('{');
  w.indent(() => {
    if (op.response.kind === 'empty') w.line(`${send};`);
    else if (op.response.kind === 'json') w.line(`return ${types.decode(op.response.type!, `(${send})`, M)};`);
    else w.line(`return (${op.response.kind === 'binary' ? 'byte[]' : 'string'})(${send});`);
  });
  w.line('}');
  if (c.iterator) {
    const p = op.pagination!;
    const cursor = c.args.find((a) => a.param?.location === 'query' && a.param.wireName === p.cursorParam)!;
    w.line();
    w.each(doc(op, `Iterates over the items of every page, following ${p.nextCursorField} from the cursor parameter on. Pages are fetched synchronously as the enumeration proceeds.`));
    w.line(`public IEnumerable<${types.type(p.itemType, M)}> ${c.iterator}(${decl([])})`);
    w.line('{');
    w.indent(() => {
      const fetch = `c_ => this.transport.SendAsync(this.${c.spec}(${passed}).QueryParam(${csString(p.cursorParam)}, c_, "form"), CancellationToken.None)`;
      w.line(`return Pagination.Iterate(${fetch}, ${cursor.ident}, ${csString(p.itemsField)}, ${csString(p.nextCursorField)}, v_ => ${types.decode(p.itemType, 'v_', M, 1)});`);
    });
    w.line('}');
  }
  w.line();
  w.line(`private RequestSpec ${c.spec}(${c.args.map((a) => `${a.type} ${a.ident}`).join(', ')})`);
  w.line('{');
  w.indent(() => {
    w.line(`return new RequestSpec(${csString(op.method)}, ${csString(op.path)})`);
    w.indent(() => {
      for (const a of c.args) {
        if (!a.param) continue;
        const name = csString(a.param.wireName);
        const loc = a.param.location;
        if (loc === 'path') w.line(`.PathParam(${name}, ${a.ident})`);
        else if (loc === 'query') w.line(`.QueryParam(${name}, ${a.ident}, ${csString(a.param.style)})`);
        else if (loc === 'header') w.line(`.Header(${name}, ${a.ident})`);
        else w.line(`.Cookie(${name}, ${a.ident})`);
      }
      if (c.body) w.line(`.WithBody(${c.body.ident}, ${csString(op.body!.encoding)}, ${csString(op.body!.mediaType)})`);
      if (!op.authenticated) w.line('.Anonymous()');
      w.line(`.Answer(${csString(op.response.kind)});`);
    });
  });
  w.line('}');
}

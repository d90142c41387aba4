import type { ApiIr, EnumModel, ObjectModel, UnionModel } from '../../ir/ir.types';
import { unique, words } from '../../ir/words';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import { csDoc, csMember, csString } from './cs-syntax';
import type { CsTypes } from './cs-types';

/** Members of the base classes and of object: a generated member of the same name would hide them. */
const INHERITED = ['FromJson', 'ToJson', 'RawField', 'ContainsField', 'WithField', 'WithoutField', 'Raw', 'Value', 'Equals', 'GetHashCode', 'ToString', 'GetType', 'MemberwiseClone', 'Finalize', 'ReferenceEquals'];

export const csComment = (ir: ApiIr): string[] => headerLines(ir).map((l) => `// ${l}`);

/** One file per object, enum and union model in `<namespace>.Models`; aliases have none (see CsTypes). */
export function csModelFiles(ir: ApiIr, ns: string, types: CsTypes): Array<{ name: string; content: string }> {
  const files: Array<{ name: string; content: string }> = [];
  for (const model of ir.models) {
    if (model.kind === 'alias') continue;
    const name = types.names.get(model.name)!;
    const w = new CodeWriter();
    w.each(csComment(ir));
    w.line(`namespace ${ns}.Models`);
    w.line('{');
    w.indent(() => {
      w.line('using System.Collections.Generic;');
      w.line();
      const doc = [model.description ?? '', model.deprecated ? 'Deprecated.' : ''].filter(Boolean).join('\n\n');
      if (doc) w.each(csDoc(doc));
      if (model.kind === 'object') objectModel(w, model, name, types);
      else if (model.kind === 'enum') enumModel(w, model, name);
      else unionModel(w, model, name, types);
    });
    w.line('}');
    files.push({ name, content: w.toString() });
  }
  return files;
}

function objectModel(w: CodeWriter, model: ObjectModel, name: string, types: CsTypes): void {
  const taken = new Set([name, ...INHERITED]);
  w.line(`public sealed class ${name} : ObjectModel`);
  w.line('{');
  w.indent(() => {
    w.line(`public ${name}()`);
    w.line('{');
    w.line('}');
    w.line();
    w.line(`private ${name}(IDictionary<string, object> fields) : base(fields)`);
    w.line('{');
    w.line('}');
    w.line();
    w.each(csDoc(`Reads decoded JSON (or a ${name}) as a ${name}; members it does not declare are kept.`));
    w.line(`public static ${name} FromJson(object json)`);
    w.line('{');
    w.indent(() => w.line(`return json == null || json is ${name} ? (${name})json : new ${name}(Json.AsObject(json));`));
    w.line('}');
    for (const p of model.properties) {
      const member = unique(csMember(words(p.wireName)), taken);
      const notes = [p.description ?? '', p.default !== undefined ? `Default: ${JSON.stringify(p.default)}` : '', p.required ? '' : 'Optional.', p.readOnly ? 'Read-only.' : '', p.deprecated ? 'Deprecated.' : ''].filter(Boolean).join('\n\n');
      w.line();
      if (notes) w.each(csDoc(notes));
      w.line(`public ${types.type(p.type, '')} ${member}`);
      w.line('{');
      w.indent(() => {
        w.line(`get { return ${types.decode(p.type, `RawField(${csString(p.wireName)})`, '')}; }`);
        w.line(`set { WithField(${csString(p.wireName)}, value); }`);
      });
      w.line('}');
    }
  });
  w.line('}');
}

function enumModel(w: CodeWriter, model: EnumModel, name: string): void {
  const taken = new Set([name, 'Known', 'Values', 'IsKnown', ...INHERITED]);
  const members = model.values.map((v) => unique(csMember(words(String(v)), v === '' ? 'Empty' : 'Value'), taken));
  const literal = (v: string | number) => (typeof v === 'string' ? csString(v) : `${v}L`);
  w.line(`public sealed class ${name} : EnumModel`);
  w.line('{');
  w.indent(() => {
    model.values.forEach((v, i) => w.line(`public static readonly ${name} ${members[i]} = new ${name}(${literal(v)});`));
    w.line();
    w.line(`private static readonly ${name}[] Known = { ${members.join(', ')} };`);
    w.line();
    w.line(`private ${name}(object value) : base(value)`);
    w.line('{');
    w.line('}');
    w.line();
    w.line(`public static IList<${name}> Values`);
    w.line('{');
    w.indent(() => w.line('get { return System.Array.AsReadOnly(Known); }'));
    w.line('}');
    w.line();
    w.line('public bool IsKnown');
    w.line('{');
    w.indent(() => w.line('get { return System.Array.IndexOf(Known, this) >= 0; }'));
    w.line('}');
    w.line();
    w.each(csDoc('The known constant for a wire value, or a new instance for a value this client does not know.'));
    w.line(`public static ${name} FromJson(object json)`);
    w.line('{');
    w.indent(() => {
      w.line(`if (json == null || json is ${name}) return (${name})json;`);
      // Integer enums compare as long whatever numeric type the caller used.
      w.line('var value = json is string ? json : System.Convert.ToInt64(json, System.Globalization.CultureInfo.InvariantCulture);');
      w.line(`foreach (var known in Known) if (Equals(known.Value, value)) return known;`);
      w.line(`return new ${name}(value);`);
    });
    w.line('}');
  });
  w.line('}');
}

function unionModel(w: CodeWriter, model: UnionModel, name: string, types: CsTypes): void {
  const taken = new Set([name, 'Discriminator', ...INHERITED]);
  const suffixes = model.variants.map((v) => {
    let s = csMember(words(v.name));
    while (['Of', 'As', 'Is'].some((p) => taken.has(p + s))) s += '2';
    ['Of', 'As', 'Is'].forEach((p) => taken.add(p + s));
    return s;
  });
  w.line(`public sealed class ${name} : UnionModel`);
  w.line('{');
  w.indent(() => {
    w.line(`private ${name}(object value) : base(value)`);
    w.line('{');
    w.line('}');
    w.line();
    w.line(`public static ${name} FromJson(object json)`);
    w.line('{');
    w.indent(() => w.line(`return json == null || json is ${name} ? (${name})json : new ${name}(json);`));
    w.line('}');
    model.variants.forEach((v, i) => {
      const type = types.type(v.type, '');
      w.line();
      w.line(`public static ${name} Of${suffixes[i]}(${type} value)`);
      w.line('{');
      w.indent(() => w.line(`return new ${name}(value);`));
      w.line('}');
      w.line();
      w.each(csDoc(`The value read as ${v.name}; an InvalidCastException when it is of another JSON kind.`));
      w.line(`public ${type} As${suffixes[i]}()`);
      w.line('{');
      w.indent(() => w.line(`return ${types.decode(v.type, 'Raw', '')};`));
      w.line('}');
    });
    const disc = model.discriminator;
    if (disc) {
      w.line();
      w.each(csDoc(`The value of ${disc.property}, which names the variant.`));
      w.line('public string Discriminator');
      w.line('{');
      w.indent(() => w.line(`get { return Json.AsString(Json.Field(Raw, ${csString(disc.property)})); }`));
      w.line('}');
      model.variants.forEach((v, i) => {
        const values = disc.mapping.filter((m) => m.variant === v.name).map((m) => m.value);
        if (values.length === 0) return;
        w.line();
        w.line(`public bool Is${suffixes[i]}`);
        w.line('{');
        w.indent(() => w.line(`get { return ${values.map((val) => `Discriminator == ${csString(val)}`).join(' || ')}; }`));
        w.line('}');
      });
    }
  });
  w.line('}');
}

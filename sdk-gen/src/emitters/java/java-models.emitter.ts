import type { ApiIr, EnumModel, ObjectModel, UnionModel } from '../../ir/ir.types';
import { pascal, screamingSnake, unique, words } from '../../ir/words';
import { CodeWriter } from '../code-writer';
import { javaDoc, javaHeader, javaString } from './java-syntax';
import type { JavaTypes } from './java-types';

/** One file per object, enum and union model in `<package>.models`; aliases have none (see JavaTypes). */
export function javaModelFiles(ir: ApiIr, pkg: string, types: JavaTypes): Array<{ name: string; content: string }> {
  const files: Array<{ name: string; content: string }> = [];
  for (const model of ir.models) {
    if (model.kind === 'alias') continue;
    const name = types.names.get(model.name)!;
    const w = new CodeWriter();
    w.each(javaHeader(ir));
    w.line(`package ${pkg}.models;`);
    w.line();
    for (const imp of ['java.util.List', 'java.util.Map', `${pkg}.EnumModel`, `${pkg}.Json`, `${pkg}.ObjectModel`, `${pkg}.UnionModel`]) w.line(`import ${imp};`);
    w.line();
    const doc = [model.description ?? '', model.deprecated ? 'Deprecated.' : ''].filter(Boolean).join('\n\n');
    if (doc) w.each(javaDoc(doc));
    if (model.kind === 'object') objectModel(w, model, name, types);
    else if (model.kind === 'enum') enumModel(w, model, name);
    else unionModel(w, model, name, types);
    files.push({ name, content: w.toString() });
  }
  return files;
}

/** Accessor suffixes, unique within a model. */
function accessors(names: string[], reserved: string[] = []): string[] {
  const taken = new Set(reserved);
  return names.map((n) => unique(pascal(words(n)) || 'Value', taken));
}

function objectModel(w: CodeWriter, model: ObjectModel, name: string, types: JavaTypes): void {
  w.line('@SuppressWarnings("unused")');
  w.line(`public final class ${name} extends ObjectModel {`);
  w.indent(() => {
    w.line(`public ${name}() {`);
    w.line('}');
    w.line();
    w.line(`private ${name}(Map<String, Object> fields) {`);
    w.indent(() => w.line('super(fields);'));
    w.line('}');
    w.line();
    w.each(javaDoc(`Reads decoded JSON (or a ${name}) as a ${name}; members it does not declare are kept.`));
    w.line(`public static ${name} fromJson(Object json) {`);
    w.indent(() => {
      w.line(`if (json == null || json instanceof ${name}) return (${name}) json;`);
      w.line(`return new ${name}(Json.asObject(json));`);
    });
    w.line('}');
    // `getClass` is Object's: a property called "class" gets `getClass_`.
    const suffixes = accessors(model.properties.map((p) => p.wireName), ['Class']);
    model.properties.forEach((p, i) => {
      const type = types.type(p.type);
      const notes = [p.description ?? '', p.default !== undefined ? `Default: ${JSON.stringify(p.default)}` : '', p.required ? '' : 'Optional.', p.readOnly ? 'Read-only.' : '', p.deprecated ? 'Deprecated.' : ''].filter(Boolean).join('\n\n');
      w.line();
      if (notes) w.each(javaDoc(notes));
      w.line(`public ${type} get${suffixes[i]}() {`);
      w.indent(() => w.line(`return ${types.decode(p.type, `rawField(${javaString(p.wireName)})`)};`));
      w.line('}');
      w.line();
      w.line(`public ${name} set${suffixes[i]}(${type} value) {`);
      w.indent(() => w.line(`return (${name}) withField(${javaString(p.wireName)}, value);`));
      w.line('}');
    });
  });
  w.line('}');
}

function enumModel(w: CodeWriter, model: EnumModel, name: string): void {
  const taken = new Set(['VALUES']);
  const constants = model.values.map((v) => {
    const base = screamingSnake(words(String(v))) || (v === '' ? 'EMPTY' : 'VALUE');
    return unique(/^[0-9]/.test(base) ? `V_${base}` : base, taken);
  });
  const literal = (v: string | number) => (typeof v === 'string' ? javaString(v) : `${v}L`);
  w.line(`public final class ${name} extends EnumModel {`);
  w.indent(() => {
    model.values.forEach((v, i) => w.line(`public static final ${name} ${constants[i]} = new ${name}(${literal(v)});`));
    w.line();
    w.line(`private static final List<${name}> VALUES = List.of(${constants.join(', ')});`);
    w.line();
    w.line(`private ${name}(Object value) {`);
    w.indent(() => w.line('super(value);'));
    w.line('}');
    w.line();
    w.each(javaDoc('The known constant for a wire value, or a new instance for a value this client does not know.'));
    w.line(`public static ${name} fromJson(Object json) {`);
    w.indent(() => {
      w.line(`if (json == null || json instanceof ${name}) return (${name}) json;`);
      // Integer enums compare as Long whatever Number type the caller used.
      w.line('Object value = json instanceof Number ? (Object) ((Number) json).longValue() : json;');
      w.line(`for (${name} known : VALUES) if (known.value().equals(value)) return known;`);
      w.line(`return new ${name}(value);`);
    });
    w.line('}');
    w.line();
    w.line(`public static List<${name}> values() {`);
    w.indent(() => w.line('return VALUES;'));
    w.line('}');
    w.line();
    w.line('public boolean isKnown() {');
    w.indent(() => w.line('return VALUES.contains(this);'));
    w.line('}');
  });
  w.line('}');
}

function unionModel(w: CodeWriter, model: UnionModel, name: string, types: JavaTypes): void {
  const suffixes = accessors(model.variants.map((v) => v.name));
  w.line(`public final class ${name} extends UnionModel {`);
  w.indent(() => {
    w.line(`private ${name}(Object value) {`);
    w.indent(() => w.line('super(value);'));
    w.line('}');
    w.line();
    w.line(`public static ${name} fromJson(Object json) {`);
    w.indent(() => w.line(`return json == null || json instanceof ${name} ? (${name}) json : new ${name}(json);`));
    w.line('}');
    model.variants.forEach((v, i) => {
      const type = types.type(v.type);
      w.line();
      w.line(`public static ${name} of${suffixes[i]}(${type} value) {`);
      w.indent(() => w.line(`return new ${name}(value);`));
      w.line('}');
      w.line();
      w.each(javaDoc(`The value read as ${v.name}; a ClassCastException when it is of another JSON kind.`));
      w.line(`public ${type} as${suffixes[i]}() {`);
      w.indent(() => w.line(`return ${types.decode(v.type, 'raw()')};`));
      w.line('}');
    });
    const disc = model.discriminator;
    if (disc) {
      w.line();
      w.each(javaDoc(`The value of ${disc.property}, which names the variant.`));
      w.line('public String discriminator() {');
      w.indent(() => w.line(`return Json.asString(Json.field(raw(), ${javaString(disc.property)}));`));
      w.line('}');
      model.variants.forEach((v, i) => {
        const values = disc.mapping.filter((m) => m.variant === v.name).map((m) => m.value);
        if (values.length === 0) return;
        w.line();
        w.line(`public boolean is${suffixes[i]}() {`);
        w.indent(() => w.line(`return ${values.map((val) => `${javaString(val)}.equals(discriminator())`).join(' || ')};`));
        w.line('}');
      });
    }
  });
  w.line('}');
}


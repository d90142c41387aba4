import type { ApiIr, Model, ObjectModel, Property } from '../../ir/ir.types';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import { pyClass, pyComment, pyDocstring, pyString } from './py-syntax';
import { pyType } from './py-types';

const quoted = (name: string) => pyString(name);

/** `models.py`: TypedDicts for objects, Literal for enums, Union for oneOf/anyOf, plain aliases for the rest. */
export function pyModels(ir: ApiIr): string {
  const w = new CodeWriter();
  w.each(headerLines(ir).flatMap(pyComment));
  w.line(pyDocstring('Typed models of the API. Values are plain JSON (dicts, lists, strings, numbers): unknown fields and\nunknown enum values pass through untouched, so an older client keeps working against a newer API.'));
  w.line();
  w.line('import typing as _t');
  for (const model of ir.models) {
    w.line();
    w.line();
    emitModel(w, model);
  }
  return w.toString();
}

function emitModel(w: CodeWriter, model: Model): void {
  const name = pyClass(model.name);
  const intro = model.kind === 'object' ? [] : [model.description ?? '', model.deprecated ? 'Deprecated.' : ''].filter(Boolean);
  if (intro.length > 0) w.each(pyComment(intro.join('\n')));
  switch (model.kind) {
    case 'object':
      return emitObject(w, model);
    case 'enum':
      w.line(`${name} = _t.Literal[${model.values.map((v) => (typeof v === 'string' ? pyString(v) : String(v))).join(', ')}]`);
      return;
    case 'union':
      if (model.discriminator) w.each(pyComment(`Discriminated by ${JSON.stringify(model.discriminator.property)}: ${model.discriminator.mapping.map((m) => `${JSON.stringify(m.value)} -> ${m.variant}`).join(', ')}`));
      w.line(`${name} = _t.Union[${model.variants.map((v) => pyType(v.type, quoted)).join(', ')}]`);
      return;
    case 'alias':
      w.line(`${name} = ${pyType(model.target, quoted)}`);
  }
}

function emitObject(w: CodeWriter, model: ObjectModel): void {
  const name = pyClass(model.name);
  const required = model.properties.filter((p) => p.required);
  const optional = model.properties.filter((p) => !p.required);
  const bases: string[] = [];
  // TypedDict keys can be any string only in the functional syntax; required and optional keys need one TypedDict each (no NotRequired before 3.11).
  for (const [suffix, props, total] of [['Required', required, true], ['Optional', optional, false]] as const) {
    if (props.length === 0) continue;
    const base = `_${name}${suffix}`;
    bases.push(base);
    w.line(`${base} = _t.TypedDict(${pyString(base)}, {`);
    w.indent(() => props.forEach((p) => emitProperty(w, p)));
    w.line(total ? '})' : '}, total=False)');
  }
  w.line(`class ${name}(${bases.length > 0 ? bases.join(', ') : '_t.TypedDict, total=False'}):`);
  w.indent(() => {
    const doc = [model.description ?? '', model.deprecated ? 'Deprecated.' : '', model.additional ? 'Other members may be present besides these.' : ''].filter(Boolean).join('\n\n');
    w.line(doc ? pyDocstring(doc) : 'pass');
  });
}

function emitProperty(w: CodeWriter, p: Property): void {
  const notes = [p.description ?? '', p.default !== undefined ? `Default: ${JSON.stringify(p.default)}` : '', p.readOnly ? 'Read-only.' : '', p.deprecated ? 'Deprecated.' : ''].filter(Boolean);
  if (notes.length > 0) w.each(pyComment(notes.join('\n')));
  w.line(`${pyString(p.wireName)}: ${pyType(p.type, quoted)},`);
}

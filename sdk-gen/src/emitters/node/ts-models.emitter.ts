import type { ApiIr, Model } from '../../ir/ir.types';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import type { TsModelNames } from './ts-names';
import { tsDoc, tsString } from './ts-syntax';
import { originType } from './ts-types';

/**
 * `models.ts`: a named alias of openapi-typescript's type for each model, and each enum's values
 * as data. Types are erased at run time: unknown fields and enum values pass through untouched.
 */
export function tsModelsSource(ir: ApiIr, names: TsModelNames): string {
  const w = new CodeWriter('  ');
  w.each(tsDoc(headerLines(ir).join('\n')));
  w.line('import type * as S from "./schema";');
  for (const model of ir.models) {
    const alias = names.types.get(model.name);
    const values = names.values.get(model.name);
    if (!alias && !values) continue;
    w.line();
    const doc = docOf(model);
    if (alias) {
      if (doc) w.each(tsDoc(doc));
      w.line(`export type ${alias} = ${originType(model.origin)};`);
    }
    if (values && model.kind === 'enum') {
      w.each(tsDoc(`The values of ${model.name} this client knows; a newer API may send others.`));
      w.line(`export const ${values} = [${model.values.map((v) => (typeof v === 'string' ? tsString(v) : String(v))).join(', ')}] as const;`);
    }
  }
  return w.toString();
}

function docOf(model: Model): string {
  const parts = [model.description ?? '', model.deprecated ? '@deprecated' : ''];
  if (model.kind === 'union' && model.discriminator) parts.push(`Discriminated by \`${model.discriminator.property}\`.`);
  return parts.filter(Boolean).join('\n\n');
}

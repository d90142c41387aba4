import type { ApiIr } from '../../ir/ir.types';
import { unique } from '../../ir/words';
import { originType } from './ts-types';

/** Names `models.ts` declares; the namespace imports it uses are taken first. */
export interface TsModelNames {
  /** IR model name → type alias name, for models openapi-typescript's types can be indexed to. */
  types: Map<string, string>;
  /** IR enum name → name of its `…Values` array. */
  values: Map<string, string>;
}

export function tsModelNames(ir: ApiIr): TsModelNames {
  const taken = new Set(['S', 'NonNullable']);
  const types = new Map<string, string>();
  const values = new Map<string, string>();
  for (const m of ir.models) if (originType(m.origin)) types.set(m.name, unique(m.name, taken));
  for (const m of ir.models) if (m.kind === 'enum') values.set(m.name, unique(`${types.get(m.name) ?? m.name}Values`, taken));
  return { types, values };
}

import type { TypeRef } from '../../ir/ir.types';
import { pyClass } from './py-syntax';

/**
 * A type annotation. `modelRef` spells a model reference: quoted inside models.py (forward
 * references in TypedDict values), `_m.Name` in the API modules.
 */
export function pyType(t: TypeRef, modelRef: (name: string) => string): string {
  const base = ((): string => {
    switch (t.kind) {
      case 'primitive':
        return { string: 'str', integer: 'int', number: 'float', boolean: 'bool' }[t.type];
      case 'array':
        return `_t.List[${pyType(t.items, modelRef)}]`;
      case 'map':
        return `_t.Dict[str, ${pyType(t.values, modelRef)}]`;
      case 'model':
        return modelRef(pyClass(t.name));
      case 'binary':
        return 'bytes';
      case 'any':
        return '_t.Any';
    }
  })();
  return t.nullable && t.kind !== 'any' ? `_t.Optional[${base}]` : base;
}

import type { Origin } from '../../ir/ir.types';
import { tsString } from './ts-syntax';

/**
 * The openapi-typescript type (in `schema.ts`, imported as `S`) at a model's origin, or undefined
 * when the path runs through a oneOf/anyOf variant, which has no name to index by.
 */
export function originType(origin: Origin): string | undefined {
  const { root } = origin;
  const op = (key: string) => `S.operations[${tsString(key)}]`;
  let expr: string;
  switch (root.kind) {
    case 'schema':
      expr = `S.components["schemas"][${tsString(root.name)}]`;
      break;
    case 'requestBody':
      expr = `NonNullable<${op(root.operation)}["requestBody"]>["content"][${tsString(root.mediaType)}]`;
      break;
    case 'response':
      expr = `${op(root.operation)}["responses"][${/^\d+$/.test(root.status) ? root.status : tsString(root.status)}]["content"][${tsString(root.mediaType)}]`;
      break;
    case 'parameter':
      expr = `NonNullable<${op(root.operation)}["parameters"][${tsString(root.location)}]>[${tsString(root.name)}]`;
      break;
  }
  for (const s of origin.steps) {
    if (s.kind === 'variant') return undefined;
    expr = `NonNullable<${expr}>[${s.kind === 'property' ? tsString(s.name) : s.kind === 'items' ? 'number' : 'string'}]`;
  }
  return `NonNullable<${expr}>`;
}

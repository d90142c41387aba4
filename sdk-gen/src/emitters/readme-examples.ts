import type { ApiIr, Operation, Tag } from '../ir/ir.types';

/** Operations a README shows: a first call without arguments if there is one, and a list operation. */
export function exampleOperations(ir: ApiIr): { first?: { tag: Tag; op: Operation }; list?: { tag: Tag; op: Operation } } {
  const all = ir.tags.flatMap((tag) => tag.operations.map((op) => ({ tag, op })));
  const noArgs = (op: Operation) => op.authenticated && !op.body && op.parameters.every((p) => !p.required);
  const first = all.find((x) => x.op.method === 'GET' && noArgs(x.op) && !x.op.pagination) ?? all.find((x) => x.op.method === 'GET' && noArgs(x.op));
  const list = all.find((x) => x.op.pagination && x.op.parameters.every((p) => !p.required));
  return { ...(first ? { first } : {}), ...(list ? { list } : {}) };
}

/** Document text fit for one Markdown line. */
export const mdLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').replace(/[<>`*_[\]]/g, (c) => `\\${c}`);

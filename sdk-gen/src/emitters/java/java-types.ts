import type { ApiIr, Model, TypeRef } from '../../ir/ir.types';
import { unique } from '../../ir/words';

/** Class names generated code refers to unqualified: a model of the same name would shadow them. */
const RESERVED_TYPES = ['String', 'Object', 'Long', 'Integer', 'Double', 'Boolean', 'Override', 'SuppressWarnings', 'Iterable', 'Deprecated', 'List', 'Map', 'Function', 'Models'];

/** Java names of the models, and the Java type and decoding expression of any type reference. */
export class JavaTypes {
  readonly names = new Map<string, string>();
  private readonly models: Map<string, Model>;
  readonly taken: Set<string>;

  /** `packageClasses`: runtime, API and client classes of the base package, which models must not shadow. */
  constructor(ir: ApiIr, packageClasses: string[]) {
    this.taken = new Set([...RESERVED_TYPES, ...packageClasses]);
    this.models = new Map(ir.models.map((m) => [m.name, m]));
    for (const m of ir.models) if (m.kind !== 'alias') this.names.set(m.name, unique(m.name, this.taken));
  }

  /** Aliases have no class in Java: a reference to one is a reference to its target. */
  private resolve(t: TypeRef): TypeRef {
    let current = t;
    while (current.kind === 'model' && this.models.get(current.name)?.kind === 'alias') current = (this.models.get(current.name) as Extract<Model, { kind: 'alias' }>).target;
    return current;
  }

  type(t: TypeRef): string {
    const r = this.resolve(t);
    switch (r.kind) {
      case 'primitive':
        return r.type === 'string' ? 'String' : r.type === 'integer' ? (r.format === 'int32' ? 'Integer' : 'Long') : r.type === 'number' ? 'Double' : 'Boolean';
      case 'array':
        return `List<${this.type(r.items)}>`;
      case 'map':
        return `Map<String, ${this.type(r.values)}>`;
      case 'model':
        return this.names.get(r.name)!;
      case 'binary':
        return 'byte[]';
      case 'any':
        return 'Object';
    }
  }

  /** An expression converting the decoded JSON `expr` to `type(t)`. Lambda parameters end in `$`, which no generated identifier does. */
  decode(t: TypeRef, expr: string, depth = 0): string {
    const r = this.resolve(t);
    const v = `v${depth}$`;
    switch (r.kind) {
      case 'primitive':
        return r.type === 'string' ? `Json.asString(${expr})` : r.type === 'integer' ? (r.format === 'int32' ? `Json.asInteger(${expr})` : `Json.asLong(${expr})`) : r.type === 'number' ? `Json.asDouble(${expr})` : `Json.asBoolean(${expr})`;
      case 'array':
        return `Json.asList(${expr}, ${v} -> ${this.decode(r.items, v, depth + 1)})`;
      case 'map':
        return `Json.asMap(${expr}, ${v} -> ${this.decode(r.values, v, depth + 1)})`;
      case 'model':
        return `${this.names.get(r.name)}.fromJson(${expr})`;
      case 'binary':
        return `Json.asBytes(${expr})`;
      case 'any':
        return expr;
    }
  }
}

import type { ApiIr, Model, TypeRef } from '../../ir/ir.types';
import { unique } from '../../ir/words';

/** Names generated code uses unqualified (or that name namespaces): a model of the same name would shadow them. */
const RESERVED_TYPES = ['System', 'Models', 'List', 'Dictionary', 'IList', 'IDictionary', 'IEnumerable', 'KeyValuePair', 'Task', 'CancellationToken', 'Func'];

/** C# names of the models, and the C# type and decoding expression of any type reference. */
export class CsTypes {
  readonly names = new Map<string, string>();
  private readonly models: Map<string, Model>;

  /** `reserved`: runtime, API and client classes and the namespace's segments. */
  constructor(ir: ApiIr, reserved: string[]) {
    const taken = new Set([...RESERVED_TYPES, ...reserved]);
    this.models = new Map(ir.models.map((m) => [m.name, m]));
    for (const m of ir.models) if (m.kind !== 'alias') this.names.set(m.name, unique(m.name, taken));
  }

  /** Aliases have no class in C#: a reference to one is a reference to its target. */
  private resolve(t: TypeRef): TypeRef {
    let current = t;
    while (current.kind === 'model' && this.models.get(current.name)?.kind === 'alias') current = (this.models.get(current.name) as Extract<Model, { kind: 'alias' }>).target;
    return current;
  }

  /** `prefix` qualifies model names: `Models.` outside the models namespace. */
  type(t: TypeRef, prefix: string): string {
    const r = this.resolve(t);
    switch (r.kind) {
      case 'primitive':
        return r.type === 'string' ? 'string' : r.type === 'integer' ? (r.format === 'int32' ? 'int?' : 'long?') : r.type === 'number' ? 'double?' : 'bool?';
      case 'array':
        return `List<${this.type(r.items, prefix)}>`;
      case 'map':
        return `Dictionary<string, ${this.type(r.values, prefix)}>`;
      case 'model':
        return `${prefix}${this.names.get(r.name)}`;
      case 'binary':
        return 'byte[]';
      case 'any':
        return 'object';
    }
  }

  /** An expression converting decoded JSON `expr` to `type(t)`. Lambda parameters end in `_`, which no generated identifier does. */
  decode(t: TypeRef, expr: string, prefix: string, depth = 0): string {
    const r = this.resolve(t);
    const v = `v${depth}_`;
    switch (r.kind) {
      case 'primitive':
        return r.type === 'string' ? `Json.AsString(${expr})` : r.type === 'integer' ? (r.format === 'int32' ? `Json.AsInt(${expr})` : `Json.AsLong(${expr})`) : r.type === 'number' ? `Json.AsDouble(${expr})` : `Json.AsBool(${expr})`;
      case 'array':
        return `Json.AsList(${expr}, ${v} => ${this.decode(r.items, v, prefix, depth + 1)})`;
      case 'map':
        return `Json.AsMap(${expr}, ${v} => ${this.decode(r.values, v, prefix, depth + 1)})`;
      case 'model':
        return `${prefix}${this.names.get(r.name)}.FromJson(${expr})`;
      case 'binary':
        return `Json.AsBytes(${expr})`;
      case 'any':
        return expr;
    }
  }
}

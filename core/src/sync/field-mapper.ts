import jsonata from 'jsonata';
import { HubError, RecordInvalidError } from '@ihub/plugin-kit';

/** `field → JSONata expression`, evaluated against one record's data. */
export type FieldMapping = Record<string, string>;

/** Variables the hub binds for every mapping: `$recordId` (the hub's id) and `$externalId` (the source's id). */
export const MAPPING_BINDINGS = ['recordId', 'externalId'] as const;

const PLAIN_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JSONATA_WORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

type FieldPlan = { field: string; kind: 'copy'; from: string } | { field: string; kind: 'binding'; name: string } | { field: string; kind: 'expression' };

/**
 * Applies a flow's field mapping. Fields that only name a source field (`department`) or a hub
 * binding (`$recordId`) are copied directly — the same result JSONata gives, at a fraction of its
 * cost; the other fields are compiled into one JSONata object constructor, so each record costs
 * at most one evaluation. Without a mapping, data passes unchanged.
 */
export class FieldMapper {
  private constructor(
    private readonly plan: FieldPlan[] | null,
    private readonly expression: jsonata.Expression | null,
  ) {}

  static compile(mapping: FieldMapping | undefined, where = 'mapping'): FieldMapper {
    if (!mapping || Object.keys(mapping).length === 0) return new FieldMapper(null, null);
    const plan: FieldPlan[] = Object.entries(mapping).map(([field, raw]) => {
      const expr = raw.trim();
      if (PLAIN_FIELD.test(expr) && !JSONATA_WORDS.has(expr)) return { field, kind: 'copy', from: expr };
      if (expr.startsWith('$') && (MAPPING_BINDINGS as readonly string[]).includes(expr.slice(1))) return { field, kind: 'binding', name: expr.slice(1) };
      return { field, kind: 'expression' };
    });
    const complex = plan.filter((p) => p.kind === 'expression');
    if (complex.length === 0) return new FieldMapper(plan, null);
    const source = `{${complex.map((p) => `${JSON.stringify(p.field)}: (${mapping[p.field]})`).join(', ')}}`;
    try {
      return new FieldMapper(plan, jsonata(source));
    } catch (err) {
      throw new HubError('IHUB_MAPPING_INVALID', `${where}: invalid JSONata: ${(err as Error).message}`, { fault: 'user' });
    }
  }

  async apply(data: Record<string, unknown>, bindings: Partial<Record<(typeof MAPPING_BINDINGS)[number], string>> = {}): Promise<Record<string, unknown>> {
    if (!this.plan) return data;
    let evaluated: Record<string, unknown> = {};
    if (this.expression) {
      let result: unknown;
      try {
        result = await this.expression.evaluate(data, bindings);
      } catch (err) {
        throw new RecordInvalidError(`mapping failed: ${(err as Error).message}`, { code: (err as { code?: string }).code });
      }
      if (result && typeof result === 'object' && !Array.isArray(result)) evaluated = result as Record<string, unknown>;
    }
    // Fields keep the mapping's order: file targets take their column order from it.
    const out: Record<string, unknown> = {};
    for (const p of this.plan) {
      const value = p.kind === 'copy' ? data[p.from] : p.kind === 'binding' ? bindings[p.name as keyof typeof bindings] : evaluated[p.field];
      if (value !== undefined) out[p.field] = value;
    }
    return out;
  }
}

import jsonata from 'jsonata';
import { HubError, RecordInvalidError } from '@ihub/plugin-kit';

/** `field → JSONata expression`, evaluated against one record's data. */
export type FieldMapping = Record<string, string>;

/**
 * Applies a flow's field mapping. The fields are compiled into one JSONata object constructor so
 * each record costs one evaluation, not one per field. Without a mapping, data passes unchanged.
 */
export class FieldMapper {
  private constructor(private readonly expression: jsonata.Expression | null) {}

  static compile(mapping: FieldMapping | undefined, where = 'mapping'): FieldMapper {
    if (!mapping || Object.keys(mapping).length === 0) return new FieldMapper(null);
    const source = `{${Object.entries(mapping).map(([field, expr]) => `${JSON.stringify(field)}: (${expr})`).join(', ')}}`;
    try {
      return new FieldMapper(jsonata(source));
    } catch (err) {
      throw new HubError('IHUB_MAPPING_INVALID', `${where}: invalid JSONata: ${(err as Error).message}`, { fault: 'user' });
    }
  }

  /** `bindings` become JSONata variables: `$recordId` (the hub's id) and `$externalId` (the source's id). */
  async apply(data: Record<string, unknown>, bindings?: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!this.expression) return data;
    let result: unknown;
    try {
      result = await this.expression.evaluate(data, bindings);
    } catch (err) {
      throw new RecordInvalidError(`mapping failed: ${(err as Error).message}`, { code: (err as { code?: string }).code });
    }
    if (!result || typeof result !== 'object' || Array.isArray(result)) return {};
    return result as Record<string, unknown>;
  }
}

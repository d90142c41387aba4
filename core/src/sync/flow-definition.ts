import type { FieldMapping } from './field-mapper';

/** A flow as the engine runs it: the `definition` column of a flow row. */
export interface FlowDefinition {
  name: string;
  description?: string;
  /** Canonical entity type of the records this flow moves. */
  entity: string;
  source: { integration: string; entity: string; filter?: string };
  /** Source record → canonical record. */
  mapping?: FieldMapping;
  /** Canonical record → source record, for the way back of a two-way flow. */
  reverseMapping?: FieldMapping;
  targets: Array<{
    integration: string;
    entity: string;
    /** Canonical record → target record. */
    mapping?: FieldMapping;
    /** Target record → canonical record (two-way flows). */
    reverseMapping?: FieldMapping;
  }>;
  direction: 'one-way' | 'two-way';
  schedule?: string;
  deletes: 'propagate' | 'ignore';
  pageSize?: number;
  /** Largest share of a stream's records one snapshot pass may delete before the run refuses. */
  deleteThreshold?: number;
}

import type { ConnectorContext, EntityDefinition, WriteOperation, WriteResult } from '@ihub/plugin-kit';
import type { CsvConfig } from '../config';
import { getRow } from './get.operation';
import { listRows } from './list.operation';
import { writeRows } from './write.operation';

/** The configured file's rows. The key column is each record's id. */
export const fileEntity: EntityDefinition<CsvConfig> = {
  displayName: 'File rows',
  description: "The rows of the integration's file; the key column is the record id. Each pass lists every row, so deletions show as rows missing from the next pass.",
  changeTracking: 'snapshot',
  list: listRows,
  get: getRow,
  write: writeRows,
  create: async (ctx, data, options) => writeOne(ctx, { op: 'create', data, options }),
  update: async (ctx, id, data) => writeOne(ctx, { op: 'update', id, data }),
  delete: async (ctx, id) => {
    await writeOne(ctx, { op: 'delete', id });
  },
};

async function writeOne(ctx: ConnectorContext<CsvConfig>, operation: WriteOperation): Promise<WriteResult> {
  const [outcome] = await writeRows(ctx, [operation]);
  if (!outcome.ok) throw outcome.error;
  return { id: outcome.id };
}

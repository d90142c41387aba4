import assert from 'node:assert/strict';
import type { ConnectorContext, CreateOptions, EntityDefinition, WriteOperation } from '../../connector/connector.types';

/** Creates and updates one record through whichever of `create`/`update` or `write` the entity has. */
export interface Writer {
  create(data: Record<string, unknown>, options: CreateOptions): Promise<string>;
  update(id: string, data: Record<string, unknown>): Promise<string>;
}

export function writerFor(entity: EntityDefinition<unknown, unknown>, ctx: ConnectorContext<unknown, unknown>): Writer {
  if (entity.create && entity.update) {
    const { create, update } = entity;
    return {
      create: async (data, options) => (await create.call(entity, ctx, data, options)).id,
      update: async (id, data) => (await update.call(entity, ctx, id, data)).id,
    };
  }
  const write = entity.write;
  assert.ok(write, 'the entity has neither create and update nor write');
  const one = async (operation: WriteOperation): Promise<string> => {
    const outcomes = await write.call(entity, ctx, [operation]);
    assert.ok(Array.isArray(outcomes) && outcomes.length === 1, `write returned ${Array.isArray(outcomes) ? outcomes.length : 'no'} outcome(s) for one operation`);
    const [outcome] = outcomes;
    if (!outcome.ok) assert.fail(`write failed to ${operation.op} the record: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.id;
  };
  return {
    create: (data, options) => one({ op: 'create', data, options }),
    update: (id, data) => one({ op: 'update', id, data }),
  };
}

/** True when the entity can create records, so the create checks apply to it. */
export const canCreate = (entity: EntityDefinition<unknown, unknown>): boolean => Boolean(entity.create ?? entity.write);

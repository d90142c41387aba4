import { z } from 'zod';
import { CanonicalRecord, ExternalMapping } from '../../store/entities';
import { defineRoute } from '../api-route';
import { decodeCursor, encodeCursor, findOwned, idParams, iso, listPage, page, pageQuery, sqlTimestamp } from './common.schema';

const recordSchema = z.strictObject({
  id: z.uuid(),
  entityType: z.string(),
  data: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  hash: z.string(),
  deletedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const view = (r: CanonicalRecord): z.infer<typeof recordSchema> => ({
  id: r.id, entityType: r.entityType, data: r.data, version: r.version, hash: r.hash, deletedAt: iso(r.deletedAt), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

interface RecordRow {
  id: string;
  entity_type: string;
  data: string | Record<string, unknown>;
  version: number;
  hash: string;
  deleted_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/**
 * Both drivers hand datetime(3) back as UTC: mysql2 as a Date, SQLite as `YYYY-MM-DD HH:MM:SS.mmm`
 * text, which is ISO 8601 but for two characters — rewritten without parsing a Date per field.
 */
const instant = (v: string | Date): string => {
  if (v instanceof Date) return v.toISOString();
  const [hms, fraction = ''] = v.slice(11).split('.');
  return `${v.slice(0, 10)}T${hms}.${`${fraction}000`.slice(0, 3)}Z`;
};

const rowView = (r: RecordRow): z.infer<typeof recordSchema> => ({
  id: r.id, entityType: r.entity_type, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data, version: Number(r.version), hash: r.hash,
  deletedAt: r.deleted_at === null ? null : instant(r.deleted_at), createdAt: instant(r.created_at), updatedAt: instant(r.updated_at),
});

const mappingSchema = z.strictObject({
  id: z.uuid().or(z.string()),
  integrationId: z.uuid(),
  externalEntity: z.string(),
  externalId: z.string(),
  recordId: z.uuid(),
  entityType: z.string(),
  hash: z.string(),
  lastSynced: z.iso.datetime().nullable(),
});

const mappingView = (m: ExternalMapping): z.infer<typeof mappingSchema> => ({
  id: m.id, integrationId: m.integrationId, externalEntity: m.externalEntity, externalId: m.externalId, recordId: m.internalEntityId, entityType: m.internalEntityType, hash: m.hash, lastSynced: iso(m.lastSynced),
});

export const recordRoutes = [
  defineRoute({
    operationId: 'listRecords',
    method: 'GET',
    path: '/records',
    tag: 'Records',
    summary: 'Query canonical records',
    scope: 'read',
    query: z.strictObject({
      ...pageQuery,
      entityType: z.string().max(100).optional().describe('Only records of this canonical entity type.'),
      updatedSince: z.iso.datetime().optional().describe('Only records changed at or after this instant.'),
      includeDeleted: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('Include records deleted upstream.'),
      filter: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:.*$/, 'must be `field:value`, e.g. `email:ada@example.com` or `address.city:Oslo`')
        .max(300)
        .optional()
        .describe('Only records whose data field (dotted path) equals the value, compared as text.'),
    }),
    response: page(recordSchema),
    // The busiest read of the API: plain SQL on the (tenant_id, id) index, without the ORM's query
    // building and entity hydration, which cost three times the query itself.
    handler: async ({ runtime }, caller, { query }) => {
      const after = decodeCursor(query.cursor);
      const conditions = ['tenant_id = ?'];
      const params: unknown[] = [caller.tenantId];
      const where = (condition: string, value?: unknown) => {
        conditions.push(condition);
        if (value !== undefined) params.push(value);
      };
      if (after) where('id > ?', after);
      if (query.entityType) where('entity_type = ?', query.entityType);
      if (query.updatedSince) where('updated_at >= ?', sqlTimestamp(new Date(query.updatedSince)));
      if (!query.includeDeleted) where('deleted_at IS NULL');
      if (query.filter) {
        // JSON paths are SQL in both dialects, spelled differently: MySQL quotes extracted strings
        // unless unquoted; SQLite returns them bare. The path itself is checked by the schema above.
        const colon = query.filter.indexOf(':');
        const extract = runtime.store.options.type === 'better-sqlite3' ? 'CAST(json_extract(data, ?) AS TEXT)' : 'JSON_UNQUOTE(JSON_EXTRACT(data, ?))';
        where(`${extract} = ?`, `$.${query.filter.slice(0, colon)}`);
        params.push(query.filter.slice(colon + 1));
      }
      const rows: RecordRow[] = await runtime.store.query(
        `SELECT id, entity_type, data, version, hash, deleted_at, created_at, updated_at FROM record WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT ${query.limit + 1}`,
        params,
      );
      const more = rows.length > query.limit;
      const data = rows.slice(0, query.limit).map(rowView);
      return { data, nextCursor: more ? encodeCursor(data[data.length - 1].id) : null };
    },
  }),
  defineRoute({
    operationId: 'getRecord',
    method: 'GET',
    path: '/records/{id}',
    tag: 'Records',
    summary: 'Get a canonical record',
    scope: 'read',
    params: idParams,
    response: recordSchema,
    handler: async ({ runtime }, caller, { params }) => view(await findOwned(runtime.store.getRepository(CanonicalRecord), 'record', params.id, caller.tenantId)),
  }),
  defineRoute({
    operationId: 'listRecordMappings',
    method: 'GET',
    path: '/records/{id}/mappings',
    tag: 'Mappings',
    summary: 'Where a canonical record lives in each integration',
    scope: 'read',
    params: idParams,
    response: z.strictObject({ data: z.array(mappingSchema) }),
    handler: async ({ runtime }, caller, { params }) => {
      await findOwned(runtime.store.getRepository(CanonicalRecord), 'record', params.id, caller.tenantId);
      const rows = await runtime.store.getRepository(ExternalMapping).find({ where: { tenantId: caller.tenantId, internalEntityId: params.id }, order: { id: 'ASC' } });
      return { data: rows.map(mappingView) };
    },
  }),
  defineRoute({
    operationId: 'listMappings',
    method: 'GET',
    path: '/mappings',
    tag: 'Mappings',
    summary: 'Find external mappings by integration and external id',
    scope: 'read',
    query: z.strictObject({
      ...pageQuery,
      integration: z.uuid().optional().describe('Integration id.'),
      externalId: z.string().max(255).optional().describe("The external system's id (with `integration`)."),
      recordId: z.uuid().optional().describe('The hub record id.'),
    }),
    response: page(mappingSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const where = {
        tenantId: caller.tenantId,
        ...(query.integration ? { integrationId: query.integration } : {}),
        ...(query.externalId ? { externalId: query.externalId } : {}),
        ...(query.recordId ? { internalEntityId: query.recordId } : {}),
      };
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(ExternalMapping), where, query);
      return { data: rows.map(mappingView), nextCursor };
    },
  }),
];

/** What the connector knows of an entity before any config: its default table and correlation fields. */
interface CatalogEntry {
  displayName: string;
  description: string;
  /** The table read and written; undefined for `table`, whose table the config names. */
  table?: string;
  /** Field that stores the hub's id on create, so a retried create finds its record; null when the table has none. */
  correlationField: string | null;
  /** Field set to `ihub` on create, to show where the record came from; null when the table has none. */
  correlationDisplayField: string | null;
  /** Journal fields (comments, work notes): a write adds entries to them rather than setting a value. */
  journalFields: string[];
}

const TASK_FIELDS = { correlationField: 'correlation_id', correlationDisplayField: 'correlation_display', journalFields: ['comments', 'work_notes'] };

/**
 * The entities of the manifest. A flow names an entity, and the hub checks that name against the
 * manifest before anything runs, so entity names are fixed here: the common tables by their own
 * name, and `table` for any other table, which an integration names in its settings.
 */
export const ENTITY_CATALOG = {
  incident: { displayName: 'Incidents', description: 'Records of the incident table.', table: 'incident', ...TASK_FIELDS },
  change_request: { displayName: 'Change requests', description: 'Records of the change_request table.', table: 'change_request', ...TASK_FIELDS },
  problem: { displayName: 'Problems', description: 'Records of the problem table.', table: 'problem', ...TASK_FIELDS },
  sys_user: {
    displayName: 'Users',
    description: 'Records of the sys_user table. It has no correlation field: set entities.sys_user.correlationField to a field of yours for idempotent creates.',
    table: 'sys_user',
    correlationField: null,
    correlationDisplayField: null,
    journalFields: [],
  },
  sys_user_group: {
    displayName: 'Groups',
    description: 'Records of the sys_user_group table. It has no correlation field: set entities.sys_user_group.correlationField to a field of yours for idempotent creates.',
    table: 'sys_user_group',
    correlationField: null,
    correlationDisplayField: null,
    journalFields: [],
  },
  cmdb_ci: { displayName: 'Configuration items', description: 'Records of the cmdb_ci table.', table: 'cmdb_ci', correlationField: 'correlation_id', correlationDisplayField: null, journalFields: [] },
  table: {
    displayName: 'Any table',
    description: 'Records of the table named in the integration settings (entities.table.table), e.g. a custom u_ table. One per integration.',
    correlationField: null,
    correlationDisplayField: null,
    journalFields: [],
  },
} satisfies Record<string, CatalogEntry>;

export type EntityName = keyof typeof ENTITY_CATALOG;

export const ENTITY_NAMES = Object.keys(ENTITY_CATALOG) as EntityName[];

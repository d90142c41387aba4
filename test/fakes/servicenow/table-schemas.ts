/** What the fake knows of one table: the columns it stores, queries and renders. */
export interface FakeTableSchema {
  /** Columns besides the system ones every table has (`SYSTEM_COLUMNS`). */
  columns: string[];
  /**
   * Journal fields (`comments`, `work_notes`): a value written to one is added to the record's
   * journal as a `sys_journal_field` entry, not stored on the record, which reads it as ''.
   */
  journal?: string[];
  /** Reference columns and the table each points to; rendered as `{ link, value }` like the real API. */
  references?: Record<string, string>;
  /** Column that is a record's display value when another record references it (`number`, `name`). */
  displayField: string;
  /** Prefix of the auto-numbered `number` column (`INC` gives `INC0010001`), for task tables. */
  numberPrefix?: string;
  /** Labels of choice columns' values, returned as display values. */
  choices?: Record<string, Record<string, string>>;
  /** Values of the n-th seeded record (n from 1), reference columns left out. */
  sample?(n: number): Record<string, string>;
}

/** Columns ServiceNow keeps on every table. */
export const SYSTEM_COLUMNS = ['sys_id', 'sys_class_name', 'sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count'] as const;

const TASK_COLUMNS = ['number', 'short_description', 'description', 'state', 'priority', 'active', 'assignment_group', 'assigned_to', 'cmdb_ci', 'correlation_id', 'correlation_display'];
const TASK_JOURNAL = ['comments', 'work_notes'];
const TASK_REFERENCES = { assignment_group: 'sys_user_group', assigned_to: 'sys_user', cmdb_ci: 'cmdb_ci' };
const PRIORITY = { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' };

/**
 * The tables an instance has out of the box, reduced to the columns integrations commonly use.
 * Start the fake with `tables` to add columns (a custom `u_` field) or tables of your own.
 */
export const DEFAULT_TABLES: Record<string, FakeTableSchema> = {
  incident: {
    columns: [...TASK_COLUMNS, 'caller_id', 'category', 'impact', 'urgency'],
    journal: TASK_JOURNAL,
    references: { ...TASK_REFERENCES, caller_id: 'sys_user' },
    displayField: 'number',
    numberPrefix: 'INC',
    choices: {
      state: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
      priority: PRIORITY,
      impact: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
      urgency: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
    },
    sample: (n) => ({ short_description: `Seeded incident ${n}`, state: '1', priority: String(((n - 1) % 5) + 1), impact: '2', urgency: '2', category: 'inquiry', active: 'true' }),
  },
  change_request: {
    columns: [...TASK_COLUMNS, 'type', 'risk', 'requested_by', 'start_date', 'end_date'],
    journal: TASK_JOURNAL,
    references: { ...TASK_REFERENCES, requested_by: 'sys_user' },
    displayField: 'number',
    numberPrefix: 'CHG',
    choices: { state: { '-5': 'New', '-4': 'Assess', '-1': 'Implement', '0': 'Review', '3': 'Closed', '4': 'Canceled' }, priority: PRIORITY, risk: { '2': 'High', '3': 'Moderate', '4': 'Low' } },
    sample: (n) => ({ short_description: `Seeded change ${n}`, state: '-5', priority: '4', type: 'normal', risk: '3', active: 'true' }),
  },
  problem: {
    columns: [...TASK_COLUMNS, 'known_error'],
    journal: TASK_JOURNAL,
    references: TASK_REFERENCES,
    displayField: 'number',
    numberPrefix: 'PRB',
    choices: { state: { '101': 'New', '102': 'Assess', '103': 'Root Cause Analysis', '104': 'Fix in Progress', '106': 'Resolved', '107': 'Closed' }, priority: PRIORITY },
    sample: (n) => ({ short_description: `Seeded problem ${n}`, state: '101', priority: '3', known_error: 'false', active: 'true' }),
  },
  sys_user: {
    columns: ['user_name', 'first_name', 'last_name', 'name', 'email', 'title', 'department', 'employee_number', 'manager', 'active'],
    references: { manager: 'sys_user' },
    displayField: 'name',
    sample: (n) => ({ user_name: `user.${n}`, first_name: 'User', last_name: String(n), name: `User ${n}`, email: `user.${n}@example.com`, employee_number: String(1000 + n), active: 'true' }),
  },
  sys_user_group: {
    columns: ['name', 'description', 'email', 'manager', 'type', 'active'],
    references: { manager: 'sys_user' },
    displayField: 'name',
    sample: (n) => ({ name: `Group ${n}`, description: `Seeded group ${n}`, email: `group.${n}@example.com`, active: 'true' }),
  },
  // The journal: one row per entry of a journal field (`element`) of a record (`name`, `element_id`).
  sys_journal_field: {
    columns: ['element_id', 'name', 'element', 'value'],
    displayField: 'value',
  },
  cmdb_ci: {
    columns: ['name', 'serial_number', 'ip_address', 'operational_status', 'install_status', 'correlation_id'],
    displayField: 'name',
    choices: { operational_status: { '1': 'Operational', '2': 'Non-Operational' }, install_status: { '1': 'Installed', '7': 'Retired' } },
    sample: (n) => ({ name: `ci-${n}`, serial_number: `SN-${n}`, ip_address: `10.0.${Math.floor(n / 250)}.${n % 250}`, operational_status: '1', install_status: '1' }),
  },
};

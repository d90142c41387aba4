import { parseJqlDate } from '../jira-time';
import type { FakeIssue } from '../store/fake-model';
import type { FakeStore } from '../store/fake-store';
import { JqlError } from './jql-error';
import { parseJql, type ClauseOperator, type JqlNode, type JqlSort, type JqlValue } from './jql-parser';

export interface JqlEnvironment {
  store: FakeStore;
  now: number;
  /** Issue property keys an app declared searchable. */
  indexedProperties: ReadonlySet<string>;
}

/** A JQL query ready to run: which issues match, in which order. */
export interface CompiledJql {
  /** False when the query has no restriction (Jira refuses unbounded queries on the enhanced search). */
  bounded: boolean;
  matches(issue: FakeIssue): boolean;
  /** The values an issue sorts by, for comparing with `compareKeys` (also what a page token remembers). */
  sortKey(issue: FakeIssue): SortKey;
  compareKeys(a: SortKey, b: SortKey): number;
}

/** Sort values in ORDER BY order, then the issue id as a tiebreak so the order is total. */
export type SortKey = Array<string | number | null>;

type Predicate = (issue: FakeIssue) => boolean;

/**
 * Compiles JQL against the fake's data. Every clause is checked before any issue is looked at,
 * so an unknown field or a bad date fails the query the way Jira does (a JqlError, answered 400).
 * Without ORDER BY, issues come by key, newest first (the fake's choice).
 */
export function compileJql(jql: string, env: JqlEnvironment): CompiledJql {
  const query = parseJql(jql);
  const matches = query.where ? compileNode(query.where, env) : () => true;
  const sorts: JqlSort[] = query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', direction: 'desc' }];
  const sortValues = sorts.map((s) => sortValueOf(s.field));
  return {
    bounded: query.where !== null,
    matches,
    sortKey: (issue) => [...sortValues.map((value) => value(issue, env)).flat(), Number(issue.id)],
    compareKeys: (a, b) => {
      for (let i = 0, s = 0; i < a.length; s++) {
        const width = s < sorts.length ? sortWidth(sorts[s].field) : 1;
        const direction = s < sorts.length && sorts[s].direction === 'desc' ? -1 : 1;
        for (let j = 0; j < width; j++, i++) {
          const order = compareValues(a[i], b[i]);
          if (order !== 0) return order * direction;
        }
      }
      return 0;
    },
  };
}

function compileNode(node: JqlNode, env: JqlEnvironment): Predicate {
  switch (node.type) {
    case 'and': {
      const parts = node.children.map((c) => compileNode(c, env));
      return (issue) => parts.every((p) => p(issue));
    }
    case 'or': {
      const parts = node.children.map((c) => compileNode(c, env));
      return (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compileNode(node.child, env);
      return (issue) => !inner(issue);
    }
    case 'clause':
      return compileClause(node.field, node.operator, node.values, env);
  }
}

const EQUALITY: ClauseOperator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const DATE_OPERATORS: ClauseOperator[] = ['=', '!=', '>', '>=', '<', '<=', 'is', 'is not'];

function compileClause(field: string, operator: ClauseOperator, values: JqlValue[], env: JqlEnvironment): Predicate {
  const { store } = env;
  const property = /^issue\.property\[([^\]]+)\]\.(.+)$/i.exec(field);
  if (property) {
    if (!env.indexedProperties.has(property[1])) throw unknownField(field);
    return setClause(field, operator, values, (issue) => {
      const value = valueAtPath(issue.properties.get(property[1]), property[2]);
      return value === undefined || value === null ? [] : [String(value)];
    }, (v) => v);
  }
  const name = field.toLowerCase();
  switch (name) {
    case 'project':
      return setClause(field, operator, values, (i) => [i.projectId], (v) => resolveOne(field, v, store.projects.map((p) => ({ id: p.id, names: [p.key, p.name] }))));
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      return setClause(field, operator, values, (i) => [i.id, i.key], (v) => v.toUpperCase());
    case 'status':
      return setClause(field, operator, values, (i) => [i.statusId], (v) => resolveOne(field, v, store.workflow.statuses.map((s) => ({ id: s.id, names: [s.name] }))));
    case 'statuscategory':
      return setClause(field, operator, values, (i) => [store.status(i.statusId).category], (v) => resolveOne(field, v, CATEGORY_NAMES));
    case 'issuetype':
    case 'type':
      return setClause(field, operator, values, (i) => [i.issueTypeId], (v) => resolveOne(field, v, store.issueTypes.map((t) => ({ id: t.id, names: [t.name] }))));
    case 'priority':
      return setClause(field, operator, values, (i) => (i.priorityId ? [i.priorityId] : []), (v) => resolveOne(field, v, store.priorities.map((p) => ({ id: p.id, names: [p.name] }))));
    case 'labels':
      return setClause(field, operator, values, (i) => i.labels, (v) => v);
    case 'assignee':
    case 'reporter':
      return setClause(field, operator, values, (i) => {
        const id = name === 'assignee' ? i.assigneeId : i.reporterId;
        return id ? [id] : [];
      }, (v) => v, store.user.accountId);
    case 'summary':
    case 'description':
    case 'text':
      return textClause(field, operator, values, (i) => [name !== 'description' ? i.summary : '', name !== 'summary' ? adfText(i.description) : ''].join(' '));
    case 'created':
    case 'createddate':
    case 'updated':
    case 'updateddate':
      return dateClause(field, operator, values, env, (i) => (name.startsWith('created') ? i.created : i.updated));
    default:
      throw unknownField(field);
  }
}

/** Fields holding zero or more values: equality, IN and EMPTY. `currentUser()` stands for `currentUser`. */
function setClause(field: string, operator: ClauseOperator, values: JqlValue[], get: (issue: FakeIssue) => string[], normalize: (value: string) => string, currentUser?: string): Predicate {
  if (!EQUALITY.includes(operator)) throw new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
  if (operator === 'is' || operator === 'is not') {
    return (issue) => (get(issue).length === 0) === (operator === 'is');
  }
  const wanted = values.map((v) => {
    if (v.kind === 'function' && v.name === 'currentuser' && currentUser) return currentUser;
    if (v.kind !== 'literal') throw new JqlError(`The value for the field '${field}' is not supported by the fake.`);
    return normalize(v.text);
  });
  const caseless = (s: string): string => s.toUpperCase();
  const positive = (issue: FakeIssue): boolean => get(issue).some((have) => wanted.some((w) => caseless(w) === caseless(have)));
  return operator === '=' || operator === 'in' ? positive : (issue) => !positive(issue);
}

function textClause(field: string, operator: ClauseOperator, values: JqlValue[], get: (issue: FakeIssue) => string): Predicate {
  if (operator !== '~' && operator !== '!~') throw new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
  const [value] = values;
  if (value.kind !== 'literal') throw new JqlError(`The field '${field}' needs a text value.`);
  const needle = value.text.replace(/\*/g, '').toLowerCase();
  return (issue) => get(issue).toLowerCase().includes(needle) === (operator === '~');
}

function dateClause(field: string, operator: ClauseOperator, values: JqlValue[], env: JqlEnvironment, get: (issue: FakeIssue) => number): Predicate {
  if (!DATE_OPERATORS.includes(operator)) throw new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
  if (operator === 'is' || operator === 'is not') return () => operator === 'is not';
  const [value] = values;
  let at: number | undefined;
  if (value.kind === 'function' && value.name === 'now') at = env.now;
  else if (value.kind === 'literal') at = parseJqlDate(value.text, env.store.user.timeZone, env.now);
  if (at === undefined) {
    const shown = value.kind === 'literal' ? value.text : value.kind === 'function' ? `${value.name}()` : 'EMPTY';
    throw new JqlError(
      `Date value '${shown}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
    );
  }
  const bound = at;
  const compare: Record<string, (t: number) => boolean> = {
    '=': (t) => t === bound,
    '!=': (t) => t !== bound,
    '>': (t) => t > bound,
    '>=': (t) => t >= bound,
    '<': (t) => t < bound,
    '<=': (t) => t <= bound,
  };
  return (issue) => compare[operator](get(issue));
}

const CATEGORY_NAMES = [
  { id: 'new', names: ['To Do'] },
  { id: 'indeterminate', names: ['In Progress'] },
  { id: 'done', names: ['Done'] },
];

/** The id of the one entity whose id or a name is `value`, or a JqlError as Jira reports an unknown value. */
function resolveOne(field: string, value: string, entities: Array<{ id: string; names: string[] }>): string {
  const found = entities.find((e) => e.id === value || e.names.some((n) => n.toLowerCase() === value.toLowerCase()));
  if (!found) throw new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
  return found.id;
}

function unknownField(field: string): JqlError {
  return new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
}

function valueAtPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), value);
}

/** The plain text of an ADF document (for `~` searches). */
function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  return Array.isArray(n.content) ? own + n.content.map(adfText).join(' ') : own;
}

/** Sort fields that sort by two values (issue keys: project, then number). */
const sortWidth = (field: string): number => (['key', 'issuekey', 'issue', 'id'].includes(field) ? 2 : 1);

function sortValueOf(field: string): (issue: FakeIssue, env: JqlEnvironment) => Array<string | number | null> {
  switch (field) {
    case 'updated':
    case 'updateddate':
      return (i) => [i.updated];
    case 'created':
    case 'createddate':
      return (i) => [i.created];
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      // Jira orders keys by project, then by number: DEMO-9 before DEMO-10.
      return (i) => [i.key.slice(0, i.key.lastIndexOf('-')), Number(i.key.slice(i.key.lastIndexOf('-') + 1))];
    case 'summary':
      return (i) => [i.summary.toLowerCase()];
    case 'priority':
      return (i) => [i.priorityId === null ? null : Number(i.priorityId)];
    case 'status':
      return (i, env) => [env.store.workflow.statuses.findIndex((s) => s.id === i.statusId)];
    case 'project':
      return (i, env) => [env.store.project(i.projectId).key];
    default:
      throw new JqlError(`Not able to sort using field '${field}'.`);
  }
}

function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  // Empty values sort last, as in Jira.
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : 1;
}

import type { FakeRecord } from './fake-tables.store';

/**
 * ServiceNow encoded queries (`sysparm_query`), as far as integrations use them:
 *
 * - `^` joins conditions with AND, `^OR` joins a condition to the one before it with OR, and OR
 *   binds tighter: `a^b^ORc` is `a AND (b OR c)`. `^NQ` starts a new query OR-ed with the others.
 * - Operators: `=`, `!=`, `>`, `>=`, `<`, `<=`, `LIKE`, `NOT LIKE`, `STARTSWITH`, `ENDSWITH`, `IN`,
 *   `NOT IN`, `ISEMPTY`, `ISNOTEMPTY`.
 * - `ORDERBY<field>` and `ORDERBYDESC<field>`, in order of precedence; `^EQ` ends the query.
 * - A condition on a field the table does not have is ignored, as the instance does by default
 *   (the `glide.invalid_query.returns_no_rows` property off).
 */

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'NOT LIKE' | 'STARTSWITH' | 'ENDSWITH' | 'IN' | 'NOT IN' | 'ISEMPTY' | 'ISNOTEMPTY';

export interface Condition {
  field: string;
  operator: Operator;
  value: string;
}

export interface Ordering {
  field: string;
  descending: boolean;
}

export interface EncodedQuery {
  /** Queries OR-ed together (`^NQ`); each is a list of clauses AND-ed, each clause conditions OR-ed. */
  queries: Condition[][][];
  orderBy: Ordering[];
}

// Longest first, so that `>=` is not read as `>` followed by a value starting with `=`.
const OPERATORS: Operator[] = ['ISNOTEMPTY', 'ISEMPTY', 'NOT LIKE', 'NOT IN', 'STARTSWITH', 'ENDSWITH', 'LIKE', 'IN', '>=', '<=', '!=', '>', '<', '='];
const CONDITION = new RegExp(`^([a-z0-9_.]+)(${OPERATORS.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(.*)$`, 's');

export function parseEncodedQuery(text: string): EncodedQuery {
  const query: EncodedQuery = { queries: [], orderBy: [] };
  for (const part of text.split('^NQ')) {
    const clauses: Condition[][] = [];
    for (const term of part.split('^')) {
      if (term === '' || term === 'EQ') continue;
      if (term.startsWith('ORDERBYDESC')) query.orderBy.push({ field: term.slice('ORDERBYDESC'.length), descending: true });
      else if (term.startsWith('ORDERBY')) query.orderBy.push({ field: term.slice('ORDERBY'.length), descending: false });
      else if (term.startsWith('OR') && clauses.length > 0) pushCondition(clauses[clauses.length - 1], term.slice(2));
      else {
        const clause: Condition[] = [];
        clauses.push(clause);
        pushCondition(clause, term);
      }
    }
    query.queries.push(clauses.filter((c) => c.length > 0));
  }
  return query;
}

function pushCondition(clause: Condition[], term: string): void {
  const match = CONDITION.exec(term);
  if (match) clause.push({ field: match[1], operator: match[2] as Operator, value: match[3] });
}

/** True when `record` satisfies the query; conditions on unknown fields (`isColumn` false) are left out. */
export function matchesQuery(record: FakeRecord, query: EncodedQuery, isColumn: (field: string) => boolean): boolean {
  const known = query.queries.map((clauses) => clauses.map((c) => c.filter((condition) => isColumn(condition.field))).filter((c) => c.length > 0));
  if (known.length === 0) return true;
  return known.some((clauses) => clauses.every((clause) => clause.some((condition) => holds(record[condition.field] ?? '', condition))));
}

function holds(actual: string, { operator, value }: Condition): boolean {
  const lower = actual.toLowerCase();
  const wanted = value.toLowerCase();
  switch (operator) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case 'LIKE':
      return lower.includes(wanted);
    case 'NOT LIKE':
      return !lower.includes(wanted);
    case 'STARTSWITH':
      return lower.startsWith(wanted);
    case 'ENDSWITH':
      return lower.endsWith(wanted);
    case 'IN':
      return value.split(',').includes(actual);
    case 'NOT IN':
      return !value.split(',').includes(actual);
    case 'ISEMPTY':
      return actual === '';
    case 'ISNOTEMPTY':
      return actual !== '';
    default:
      // An empty value is NULL in the instance's database: no ordering comparison holds for it.
      return actual !== '' && holdsOrdering(compareValues(actual, value), operator);
  }
}

function holdsOrdering(sign: number, operator: '>' | '>=' | '<' | '<='): boolean {
  if (operator === '>') return sign > 0;
  if (operator === '>=') return sign >= 0;
  if (operator === '<') return sign < 0;
  return sign <= 0;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Numbers compare as numbers; everything else (dates in `YYYY-MM-DD HH:mm:ss`, sys_ids) as text. */
export function compareValues(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts records by the query's orderings (a stable sort: unordered records keep insertion order). */
export function sortRecords(records: FakeRecord[], orderBy: Ordering[]): FakeRecord[] {
  return [...records].sort((a, b) => {
    for (const { field, descending } of orderBy) {
      const sign = compareValues(a[field] ?? '', b[field] ?? '');
      if (sign !== 0) return descending ? -sign : sign;
    }
    return 0;
  });
}

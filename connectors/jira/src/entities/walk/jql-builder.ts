import { ConfigInvalidError } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import { jqlDateAtOrBefore } from '../../time/jql-date';
import type { Boundary } from './walk-cursor';

/** A JQL string literal. */
export function jqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * The JQL of an incremental read: the configured projects and filters, `updated` at or after the
 * boundary's minute (in the user's time zone, as Jira reads JQL dates), in a stable order. Keys
 * break ties between issues updated in the same instant, so a page token always continues the
 * same sequence.
 */
export function readJql(config: JiraConfig, filter: string | undefined, from: Boundary | null, timeZone: string): string {
  if (filter !== undefined && /\border\s+by\b/i.test(filter)) {
    throw new ConfigInvalidError([{ path: 'filter', message: 'a Jira source filter must not contain ORDER BY: the connector orders by updated and key itself' }], 'jira source filter');
  }
  const clauses = [`project in (${config.projects.map(jqlString).join(', ')})`];
  if (config.jql) clauses.push(`(${config.jql})`);
  if (filter?.trim()) clauses.push(`(${filter})`);
  // `>=`: the boundary minute is read again on purpose; what was seen in it is skipped by the walk.
  if (from) clauses.push(`updated >= ${jqlString(jqlDateAtOrBefore(from.at, timeZone))}`);
  return `${clauses.join(' AND ')} ORDER BY updated ASC, key ASC`;
}

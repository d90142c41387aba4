import type { JiraClient } from '../../transport';
import { jqlString } from '../walk/jql-builder';

/** Issue property holding the hub's correlation id of an issue the hub created: `{ "correlationId": "…" }`. */
export const CORRELATION_PROPERTY = 'ihub.correlation';

/** Labels starting with this are the connector's own; records do not show them and writes keep them. */
export const LABEL_PREFIX = 'ihub-';

/** The label that lets a search find the issue of a correlation id (labels have no spaces and at most 255 characters). */
export function correlationLabel(correlationId: string): string {
  return `${LABEL_PREFIX}${correlationId.replace(/\s+/g, '_')}`.slice(0, 255);
}

export const correlationProperty = (correlationId: string): { key: string; value: { correlationId: string } } => ({ key: CORRELATION_PROPERTY, value: { correlationId } });

/**
 * The id of the issue created for `correlationId`, if any. JQL finds issue properties only when an
 * app indexes them, so the search goes by the correlation label, and the property confirms the
 * match (a label alone could have been copied by hand). The oldest match wins.
 */
export async function findIssueByCorrelation(client: JiraClient, correlationId: string): Promise<string | undefined> {
  const page = await client.search({
    jql: `labels = ${jqlString(correlationLabel(correlationId))} ORDER BY created ASC`,
    maxResults: 10,
    fields: ['created'],
    properties: [CORRELATION_PROPERTY],
  });
  const match = page.issues.find((raw) => {
    const issue = raw as { properties?: Record<string, { correlationId?: unknown } | undefined> } | null;
    return issue?.properties?.[CORRELATION_PROPERTY]?.correlationId === correlationId;
  });
  return (match as { id?: string } | undefined)?.id;
}

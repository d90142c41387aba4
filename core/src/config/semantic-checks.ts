import type { ConfigProblem } from '@ihub/plugin-kit';
import { problemAt } from './config-file';
import type { DeclaredItem, SemanticCheckInput } from './declared-items.types';
import { connectionConfigProblems } from './connection-config';
import { flowProblems } from './flow-rules';
import { asRecord, stringOrUndefined } from './raw-value';

/**
 * Checks that need more than one item, file or the connector catalog: references, uniqueness,
 * connectors and their configs, flow direction rules. Every check runs; nothing stops at the
 * first problem.
 */
export function semanticProblems(input: SemanticCheckInput): ConfigProblem[] {
  return [
    ...duplicateProblems(input.tenants ?? [], 'tenant code', 'code'),
    ...unknownTenantProblems(input),
    ...duplicateProblems(input.integrations, 'integration name', 'name'),
    ...duplicateProblems(input.flows, 'flow name', 'name'),
    ...duplicateProblems(input.webhooks ?? [], 'webhook name', 'name'),
    ...connectorProblems(input),
    ...input.flows.flatMap((flow) => flowProblems(flow, input)),
  ];
}

/** Every declaration of a name used twice in a tenant is reported, each pointing at the others. */
function duplicateProblems(items: DeclaredItem<unknown>[], what: string, nameKey: string): ConfigProblem[] {
  const byKey = new Map<string, DeclaredItem<unknown>[]>();
  for (const item of items) {
    if (item.name === undefined) continue;
    const key = `${item.tenant}\u0000${item.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  const problems: ConfigProblem[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const item of group) {
      const others = group.filter((o) => o !== item).map((o) => `${o.file.file}:${o.file.source.lineOf([...o.at, nameKey])}`);
      const scope = item.tenant ? ` in tenant ${item.tenant}` : '';
      problems.push(problemAt(item.file, [...item.at, nameKey], `duplicate ${what} "${item.name}"${scope} (also at ${others.join(', ')})`));
    }
  }
  return problems;
}

function unknownTenantProblems({ tenants, integrationFiles }: SemanticCheckInput): ConfigProblem[] {
  if (!tenants) return [];
  const codes = new Set(tenants.flatMap((t) => (t.name === undefined ? [] : [t.name])));
  return integrationFiles
    .filter((f) => !codes.has(f.tenant))
    .map((f) => problemAt(f.file, ['tenant'], `unknown tenant "${f.tenant}"; hub.yaml declares: ${[...codes].join(', ') || '(none)'}`));
}

function connectorProblems({ integrations, connectors }: SemanticCheckInput): ConfigProblem[] {
  if (!connectors) return [];
  const installed = [...connectors.keys()].sort().join(', ') || '(none)';
  return integrations.flatMap(({ file, at, raw, value }) => {
    const id = stringOrUndefined(asRecord(raw).connector);
    if (id === undefined) return [];
    const connector = connectors.get(id);
    if (!connector) return [problemAt(file, [...at, 'connector'], `unknown connector "${id}"; installed: ${installed}`)];
    // Only a well-formed integration: a misspelt `settings` key would otherwise also show up as the connector's missing fields.
    if (!value) return [];
    return connectionConfigProblems(value, connector).map((p) => problemAt(file, [...at, ...p.path], p.message));
  });
}

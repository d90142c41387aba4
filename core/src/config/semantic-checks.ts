import type { ConfigProblem } from '@ihub/plugin-kit';
import { problemAt, type ConfigFile } from './config-file';
import type { PathSegment } from './config-path';
import { connectionConfigProblems } from './connection-config';
import type { TenantConfig } from './hub-file.schema';
import type { FlowConfig, IntegrationConfig } from './integration-file.schema';
import type { ConnectorCatalog } from './loaded-config.types';

/**
 * An item declared in a config file. `name` is taken from the raw YAML even when the item failed
 * its schema, so that a typo in one key of an integration does not also make every flow that
 * refers to it "unknown", and duplicates are still found.
 */
export interface DeclaredItem<T> {
  file: ConfigFile;
  /** Path of the item in its file, e.g. `['flows', 2]`. */
  at: PathSegment[];
  tenant: string;
  name?: string;
  /** The parsed item, when it passed its schema. */
  value?: T;
}

export interface IntegrationFileHeader {
  file: ConfigFile;
  tenant: string;
}

export interface SemanticCheckInput {
  /**
   * Tenants declared in hub.yaml (`name` holds the code, `tenant` is empty); undefined when
   * hub.yaml could not be read, so that tenant references are not checked against nothing.
   */
  tenants?: DeclaredItem<TenantConfig>[];
  integrationFiles: IntegrationFileHeader[];
  integrations: DeclaredItem<IntegrationConfig>[];
  flows: DeclaredItem<FlowConfig>[];
  connectors?: ConnectorCatalog;
}

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
  return integrations.flatMap(({ file, at, value }) => {
    if (!value) return [];
    const connector = connectors.get(value.connector);
    if (!connector) return [problemAt(file, [...at, 'connector'], `unknown connector "${value.connector}"; installed: ${installed}`)];
    return connectionConfigProblems(value, connector).map((p) => problemAt(file, [...at, ...p.path], p.message));
  });
}

function flowProblems(flow: DeclaredItem<FlowConfig>, input: SemanticCheckInput): ConfigProblem[] {
  const { file, at, value } = flow;
  if (!value) return [];
  const problems: ConfigProblem[] = [];
  const refer = (where: PathSegment[], integration: string, entity: string): void => {
    const declared = input.integrations.filter((i) => i.tenant === flow.tenant && i.name === integration);
    if (declared.length === 0) {
      problems.push(problemAt(file, [...where, 'integration'], `unknown integration "${integration}" in tenant ${flow.tenant}`));
      return;
    }
    const connectorId = declared[0].value?.connector;
    const connector = connectorId === undefined ? undefined : input.connectors?.get(connectorId);
    if (connector && !connector.entities.includes(entity)) {
      problems.push(problemAt(file, [...where, 'entity'], `connector "${connectorId}" has no entity "${entity}"; it has: ${connector.entities.join(', ')}`));
    }
  };

  refer([...at, 'source'], value.source.integration, value.source.entity);
  value.targets.forEach((target, i) => {
    const where = [...at, 'targets', i];
    refer(where, target.integration, target.entity);
    if (target.integration === value.source.integration && target.entity === value.source.entity) {
      problems.push(problemAt(file, where, `the flow writes to its own source (${target.integration} ${target.entity})`));
    }
    if (value.direction === 'one-way' && target.reverseMapping) {
      problems.push(problemAt(file, [...where, 'reverseMapping'], 'reverseMapping is only used by two-way flows; set direction: two-way or remove it'));
    }
  });
  if (value.direction === 'two-way') {
    if (value.targets.length !== 1) {
      problems.push(problemAt(file, [...at, 'targets'], `a two-way flow needs exactly one target, it has ${value.targets.length}`));
    } else if (!value.targets[0].reverseMapping) {
      problems.push(problemAt(file, [...at, 'targets', 0], 'a two-way flow needs a reverseMapping on its target'));
    }
  }
  return problems;
}

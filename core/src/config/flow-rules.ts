import type { ConfigProblem } from '@ihub/plugin-kit';
import { problemAt } from './config-file';
import type { PathSegment } from './config-path';
import type { FlowConfig } from './integration-file.schema';
import { asRecord, stringOrUndefined } from './raw-value';
import type { DeclaredItem, SemanticCheckInput } from './declared-items.types';

/** The parts of a flow the cross-item rules need, read from the raw YAML so that they run even when another key of the flow is wrong. */
interface FlowEnds {
  source: { integration?: string; entity?: string };
  targets: Array<{ integration?: string; entity?: string; hasReverseMapping: boolean }>;
  direction: unknown;
}

function flowEndsOf(raw: unknown): FlowEnds {
  const flow = asRecord(raw);
  const source = asRecord(flow.source);
  const targets = Array.isArray(flow.targets) ? flow.targets.map(asRecord) : [];
  return {
    source: { integration: stringOrUndefined(source.integration), entity: stringOrUndefined(source.entity) },
    targets: targets.map((t) => ({
      integration: stringOrUndefined(t.integration),
      entity: stringOrUndefined(t.entity),
      hasReverseMapping: t.reverseMapping !== undefined && t.reverseMapping !== null,
    })),
    direction: flow.direction ?? 'one-way',
  };
}

/**
 * A flow's references (integrations of its tenant, entities of their connectors) and direction
 * rules: no writing to its own source, two-way means one target with a reverseMapping.
 */
export function flowProblems(flow: DeclaredItem<FlowConfig>, input: SemanticCheckInput): ConfigProblem[] {
  const { file, at } = flow;
  const { source, targets, direction } = flowEndsOf(flow.raw);
  const problems: ConfigProblem[] = [];
  const refer = (where: PathSegment[], end: { integration?: string; entity?: string }): void => {
    if (end.integration === undefined) return;
    const declared = input.integrations.find((i) => i.tenant === flow.tenant && i.name === end.integration);
    if (!declared) {
      problems.push(problemAt(file, [...where, 'integration'], `unknown integration "${end.integration}" in tenant ${flow.tenant}`));
      return;
    }
    const connectorId = stringOrUndefined(asRecord(declared.raw).connector);
    const connector = connectorId === undefined ? undefined : input.connectors?.get(connectorId);
    if (connector && end.entity !== undefined && !connector.entities.includes(end.entity)) {
      problems.push(problemAt(file, [...where, 'entity'], `connector "${connectorId}" has no entity "${end.entity}"; it has: ${connector.entities.join(', ')}`));
    }
  };

  refer([...at, 'source'], source);
  targets.forEach((target, i) => {
    const where = [...at, 'targets', i];
    refer(where, target);
    if (target.integration !== undefined && target.integration === source.integration && target.entity === source.entity) {
      problems.push(problemAt(file, where, `the flow writes to its own source (integration ${target.integration}, entity ${target.entity})`));
    }
    if (direction === 'one-way' && target.hasReverseMapping) {
      problems.push(problemAt(file, [...where, 'reverseMapping'], 'reverseMapping is only used by two-way flows: set direction: two-way or remove it'));
    }
  });
  if (direction === 'two-way') {
    if (targets.length !== 1) {
      problems.push(problemAt(file, [...at, 'targets'], `a two-way flow needs exactly one target, it has ${targets.length}`));
    } else if (!targets[0].hasReverseMapping) {
      problems.push(problemAt(file, [...at, 'targets', 0], 'a two-way flow needs a reverseMapping on its target'));
    }
  }
  return problems;
}

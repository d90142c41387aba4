import { RecordInvalidError } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Moves an issue to the status named (or with the id) `target`. Jira has no "set status": the
 * issue must take a transition of its workflow that leads there from its current status. A
 * transition configured for the target in `statusTransitions` is preferred when available,
 * else any transition that reaches the target. Nothing happens when the issue is there already;
 * a target no transition reaches fails the record, naming what the workflow offers instead.
 */
export async function moveToStatus(client: JiraClient, config: JiraConfig, issueId: string, target: string): Promise<void> {
  const issue = (await client.getIssue(issueId, ['status'])) as { fields?: { status?: { id?: string; name?: string } } };
  const current = issue.fields?.status;
  if (current && (current.id === target || (current.name !== undefined && same(current.name, target)))) return;

  const transitions = await client.transitions(issueId);
  const reaches = transitions.filter((t) => t.to.id === target || same(t.to.name, target));
  const preferredName = Object.entries(config.statusTransitions).find(([status]) => same(status, target))?.[1];
  const preferred = preferredName === undefined ? undefined : reaches.find((t) => t.id === preferredName || same(t.name, preferredName));
  const chosen = preferred ?? reaches[0];
  if (!chosen) {
    const offered = transitions.map((t) => `'${t.name}' → '${t.to.name}'`).join(', ') || 'no transition';
    throw new RecordInvalidError(`no transition of the workflow leads issue ${issueId} from status '${current?.name ?? '?'}' to '${target}'; Jira offers ${offered}`, {
      id: issueId,
      status: target,
      from: current?.name,
      transitions: transitions.map((t) => ({ id: t.id, name: t.name, to: t.to.name })),
    });
  }
  await client.transition(issueId, chosen.id);
}

import type { FakeIssue } from '../store/fake-model';
import type { FakeStore, IssueChanges } from '../store/fake-store';
import { isAdfDocument, NOT_ADF } from './issue-lookup';

export interface ReadFields {
  changes: IssueChanges;
  projectId?: string;
  /** Jira's `errors` map: field id → message. Empty when every field was understood. */
  errors: Record<string, string>;
}

type Ref = { id?: unknown; key?: unknown; name?: unknown; accountId?: unknown } | null;

const CANNOT_SET = (field: string): string => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/**
 * Reads the `fields` and `update` of a create or edit request into store changes, collecting
 * every problem by field as Jira does (one 400 listing all of them).
 */
export function readIssueFields(store: FakeStore, fields: Record<string, unknown>, update: Record<string, unknown>, current?: FakeIssue): ReadFields {
  const mode = current ? 'edit' : 'create';
  const errors: Record<string, string> = {};
  const changes: IssueChanges = {};
  let projectId: string | undefined;

  for (const [field, value] of Object.entries(fields)) {
    const ref = value as Ref;
    switch (field) {
      case 'project': {
        const project = store.projects.find((p) => p.id === ref?.id || p.key === ref?.key);
        if (mode === 'edit') errors.project = CANNOT_SET('project');
        else if (!project) errors.project = 'Specify a valid project ID or key';
        else projectId = project.id;
        break;
      }
      case 'issuetype': {
        const type = store.issueTypes.find((t) => t.id === ref?.id || t.name === ref?.name);
        if (!type) errors.issuetype = 'Specify an issue type';
        else changes.issueTypeId = type.id;
        break;
      }
      case 'summary':
      case 'description': {
        const problem = textProblem(field, value);
        if (problem) errors[field] = problem;
        else Object.assign(changes, { [field]: value });
        break;
      }
      case 'labels':
        readLabels(value, errors, (labels) => (changes.labels = labels));
        break;
      case 'priority': {
        const priority = ref === null ? null : store.priorities.find((p) => p.id === ref?.id || p.name === ref?.name);
        if (priority === undefined) errors.priority = `Priority name '${String(ref?.name ?? ref?.id)}' is not valid`;
        else changes.priorityId = priority?.id ?? null;
        break;
      }
      case 'assignee': {
        const user = ref === null ? null : store.findUser(String(ref?.accountId));
        if (user === undefined) errors.assignee = 'Specified assignee does not exist.';
        else changes.assigneeId = user?.accountId ?? null;
        break;
      }
      default:
        if (/^customfield_\d+$/.test(field)) changes.custom = { ...changes.custom, [field]: value };
        else errors[field] = CANNOT_SET(field);
    }
  }
  readUpdate(update, changes, errors, current?.labels ?? []);
  if (mode === 'create') {
    if (!('project' in fields)) errors.project = 'Specify a valid project ID or key';
    if (!('issuetype' in fields)) errors.issuetype = 'Specify an issue type';
    if (!('summary' in fields) && !('summary' in update)) errors.summary = 'You must specify a summary of the issue.';
  }
  return { changes, projectId, errors };
}

function textProblem(field: 'summary' | 'description', value: unknown): string | undefined {
  if (field === 'description') return value !== null && !isAdfDocument(value) ? NOT_ADF : undefined;
  if (typeof value !== 'string' || value.trim() === '') return 'You must specify a summary of the issue.';
  return value.length > 255 ? 'Summary must be less than 255 characters.' : undefined;
}

function readLabels(value: unknown, errors: Record<string, string>, set: (labels: string[]) => void): void {
  if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) {
    errors.labels = 'Labels must be a list of strings.';
    return;
  }
  const spaced = value.find((l: string) => /\s/.test(l));
  if (spaced !== undefined) errors.labels = `The label '${spaced}' contains spaces which is invalid.`;
  else set([...new Set(value as string[])]);
}

/** The `update` verbs the fake knows: labels add/remove/set, and set for summary and description. */
function readUpdate(update: Record<string, unknown>, changes: IssueChanges, errors: Record<string, string>, currentLabels: string[]): void {
  for (const [field, operations] of Object.entries(update)) {
    if (!Array.isArray(operations)) {
      errors[field] = 'Update operations must be a list.';
      continue;
    }
    for (const operation of operations as Array<Record<string, unknown>>) {
      if (field === 'labels') {
        const labels = new Set(changes.labels ?? currentLabels);
        if ('set' in operation) readLabels(operation.set, errors, (set) => (changes.labels = set));
        else if (typeof operation.add === 'string') changes.labels = [...labels.add(operation.add)];
        else if (typeof operation.remove === 'string') changes.labels = [...labels].filter((l) => l !== operation.remove);
        else errors.labels = 'Unsupported update operation for labels.';
      } else if ((field === 'summary' || field === 'description') && 'set' in operation) {
        const problem = textProblem(field, operation.set);
        if (problem) errors[field] = problem;
        else Object.assign(changes, { [field]: operation.set });
      } else errors[field] = CANNOT_SET(field);
    }
  }
}

import type { EntityDefinition } from '@ihub/plugin-kit';
import type { JiraConfig } from '../config';
import type { JiraClient } from '../transport';
import { createIssue } from './issue/create.operation';
import { getIssue } from './issue/get.operation';
import { listIssues } from './issue/list.operation';
import { updateIssue } from './issue/update.operation';

/** Jira issues of the configured projects. The record id is the issue id, which survives moves between projects (keys do not). */
export const issueEntity: EntityDefinition<JiraConfig, JiraClient> = {
  displayName: 'Issues',
  description: 'Issues of the configured projects, read incrementally by `updated` through JQL; deletions arrive through the inbound webhook.',
  changeTracking: 'cursor',
  list: listIssues,
  get: getIssue,
  create: createIssue,
  update: updateIssue,
  delete: async (ctx, id) => {
    await ctx.client.withSignal(ctx.signal).deleteIssue(id);
  },
};

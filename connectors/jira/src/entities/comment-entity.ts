import type { EntityDefinition } from '@ihub/plugin-kit';
import type { JiraConfig } from '../config';
import type { JiraClient } from '../transport';
import { getComment } from './comment/get.operation';
import { listComments } from './comment/list.operation';
import { parseCommentRecordId } from './comment/comment-id';
import { createComment } from './comment/create.operation';
import { updateComment } from './comment/update.operation';

/** Comments on the issues of the configured projects. Record ids are `<issueId>:<commentId>`. */
export const commentEntity: EntityDefinition<JiraConfig, JiraClient> = {
  displayName: 'Issue comments',
  description: 'Comments on the issues of the configured projects, read through the issues that changed; deletions arrive through the inbound webhook.',
  changeTracking: 'cursor',
  list: listComments,
  get: getComment,
  create: createComment,
  update: updateComment,
  delete: async (ctx, id) => {
    const { issueId, commentId } = parseCommentRecordId(id);
    await ctx.client.withSignal(ctx.signal).deleteComment(issueId, commentId);
  },
};

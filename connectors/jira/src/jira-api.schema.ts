import { z } from '@ihub/plugin-kit';

/**
 * The envelopes of Jira's answers, parsed by the transport. Items inside them (issues, comments)
 * stay `unknown` here: the entities parse each one, so one broken item fails alone.
 */

export const myselfSchema = z.looseObject({
  accountId: z.string().min(1),
  displayName: z.string().optional(),
  timeZone: z.string().optional(),
});

export const searchPageSchema = z.looseObject({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export const createdIssueSchema = z.looseObject({ id: z.string().min(1), key: z.string().min(1) });

export const transitionsSchema = z.looseObject({
  transitions: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      to: z.looseObject({ id: z.string(), name: z.string() }),
    }),
  ),
});

export const commentPageSchema = z.looseObject({
  startAt: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  comments: z.array(z.unknown()),
});

export const commentListSchema = z.looseObject({ values: z.array(z.unknown()) });

export const changelogPageSchema = z.looseObject({
  values: z.array(z.unknown()),
  isLast: z.boolean().optional(),
  total: z.number().int().nonnegative().optional(),
});

export type Myself = z.infer<typeof myselfSchema>;
export type SearchPage = { issues: unknown[]; nextPageToken?: string; isLast: boolean };
export type Transition = z.infer<typeof transitionsSchema>['transitions'][number];
export type CommentPage = z.infer<typeof commentPageSchema>;

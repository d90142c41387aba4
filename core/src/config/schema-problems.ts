import type { z } from 'zod';
import type { PathSegment } from './config-path';

export interface SchemaProblem {
  path: PathSegment[];
  message: string;
}

/**
 * Parse options that word a missing key as such; zod's default ("expected string, received
 * undefined") reads like a type error to someone who simply forgot a key.
 */
export const schemaParseOptions = {
  error: (issue: { code?: string; input?: unknown }) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
};

/**
 * zod issues as problems at the path of the offending node. An unknown-keys issue, which zod
 * reports once on the enclosing object, becomes one problem per key at the key itself, so each
 * is reported on its own line.
 */
export function schemaProblems(issues: readonly z.core.$ZodIssue[]): SchemaProblem[] {
  return issues.flatMap((issue) => {
    const at = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...at, key], message: 'unknown key' }));
    return [{ path: at, message: issue.message }];
  });
}

import { Cron } from 'croner';
import jsonata from 'jsonata';
import { z } from 'zod';

/** Names users pick for tenants, integrations, flows and canonical entities: they end up in URLs and logs. */
export const slugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a slug: lower-case letters, digits and dashes, starting with a letter (at most 63)');

/**
 * A JSONata expression, compiled here so a syntax error is reported by `ihub validate` with the
 * file and line of the mapping, not by the first sync run that evaluates it.
 */
export const jsonataExpressionSchema = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((expression, ctx) => {
    try {
      jsonata(expression);
    } catch (err) {
      const { message, position } = err as { message?: string; position?: number };
      const at = typeof position === 'number' ? ` (at character ${position})` : '';
      ctx.addIssue({ code: 'custom', message: `invalid JSONata: ${message ?? String(err)}${at}` });
    }
  })
  .meta({ description: 'JSONata expression (https://docs.jsonata.org)' });

/** A cron expression in croner's syntax (5 to 7 fields, or a nickname such as `@hourly`). */
export const cronScheduleSchema = z
  .string()
  .superRefine((pattern, ctx) => {
    try {
      // Paused and without a callback: parses the pattern, schedules nothing.
      new Cron(pattern, { paused: true }).stop();
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `invalid cron schedule: ${err instanceof Error ? err.message : String(err)}` });
    }
  });

import { z } from '@ihub/plugin-kit';

/**
 * What a Business Rule posts when a record changes (see the README for the script):
 * `{ "table": "incident", "sys_id": "…", "operation": "insert" | "update" | "delete", "record": { …fields } }`.
 * `record` is optional: without it the notification only says "something changed".
 */
const changeNotificationSchema = z.looseObject({
  table: z.string().regex(/^[a-z][a-z0-9_]*$/),
  sys_id: z.string().min(1).optional(),
  operation: z.enum(['insert', 'update', 'delete']).optional(),
  record: z.record(z.string(), z.unknown()).optional(),
});

export type ChangeNotification = z.infer<typeof changeNotificationSchema>;

/** The notification in the raw body, or a reason it is not one. */
export function parseNotification(rawBody: Buffer): ChangeNotification | string {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  const parsed = changeNotificationSchema.safeParse(json);
  return parsed.success ? parsed.data : `the body is not a change notification: ${z.prettifyError(parsed.error)}`;
}

import { z } from '@ihub/plugin-kit';

/** Connection config of the `ihub` source: it reads the hub's own store, so nothing but how far back to look again. */
export const hubEventsConfigSchema = z.strictObject({
  lookbackSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(60)
    .describe(
      'Each read of `event` starts this long before the last event it delivered: event ids follow creation time, and a transaction can commit an event a moment after later ones are visible. Events read twice are unchanged to the hub and written nowhere.',
    ),
});

export type HubEventsConfig = z.output<typeof hubEventsConfigSchema>;

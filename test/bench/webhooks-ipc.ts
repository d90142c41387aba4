/** Messages between the `webhooks` scenario and its hub process (webhooks-hub.ts). */
export type ChildMessage =
  | { type: 'ready'; secret: string }
  /** A production phase ended: `events` record.created events were written. */
  | { type: 'produced'; events: number; seconds: number }
  | { type: 'stopped'; maxRssMb: number };

export type ParentMessage =
  /** Push `rate` records a second through the `steady` flow for `seconds`. */
  | { type: 'steady'; rate: number; seconds: number }
  /** Run the `burst` flow over its CSV file once. */
  | { type: 'burst' }
  | { type: 'stop' };

/** Messages between the `api` scenario and its server processes (api-hub.ts, api-bare.ts). */
export type ChildMessage =
  | { type: 'ready'; url: string; key?: string; maxRssMb: number }
  | { type: 'stopped'; maxRssMb: number };

export type ParentMessage = { type: 'stop' };

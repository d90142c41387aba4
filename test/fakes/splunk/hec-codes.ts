/**
 * HEC status codes with the HTTP status Splunk answers them with, from "Troubleshoot HTTP Event
 * Collector", section "Possible error codes".
 */
export const HEC_CODES: Record<number, { status: number; text: string }> = {
  0: { status: 200, text: 'Success' },
  1: { status: 403, text: 'Token disabled' },
  2: { status: 401, text: 'Token is required' },
  3: { status: 401, text: 'Invalid authorization' },
  4: { status: 403, text: 'Invalid token' },
  5: { status: 400, text: 'No data' },
  6: { status: 400, text: 'Invalid data format' },
  7: { status: 400, text: 'Incorrect index' },
  8: { status: 500, text: 'Internal server error' },
  9: { status: 503, text: 'Server is busy' },
  10: { status: 400, text: 'Data channel is missing' },
  11: { status: 400, text: 'Invalid data channel' },
  12: { status: 400, text: 'Event field is required' },
  13: { status: 400, text: 'Event field cannot be blank' },
  14: { status: 400, text: 'ACK is disabled' },
  15: { status: 400, text: 'Error in handling indexed fields' },
  16: { status: 400, text: 'Query string authorization is not enabled' },
  17: { status: 200, text: 'HEC is healthy' },
  18: { status: 503, text: 'HEC is unhealthy, queues are full' },
  19: { status: 503, text: 'HEC is unhealthy, ack service unavailable' },
  20: { status: 503, text: 'HEC is unhealthy, queue utilization reached threshold' },
};

/** A HEC answer body for `code`, as `{"text":…,"code":…}` plus extras such as `invalid-event-number`. */
export function hecAnswer(code: number, extra: Record<string, unknown> = {}): { status: number; body: Record<string, unknown> } {
  const known = HEC_CODES[code] ?? { status: 400, text: `Unknown code ${code}` };
  return { status: known.status, body: { text: known.text, code, ...extra } };
}

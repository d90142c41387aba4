import { HubError, UpstreamTimeoutError, type ConnectorContext } from '@ihub/plugin-kit';
import type { HecConfig, SplunkConfig } from '../config';
import { confirmedAcks, type SplunkClient } from '../transport';

/** Per ackId: undefined once indexed, else why it was not confirmed. */
export type AckOutcomes = Map<number, HubError | undefined>;

/**
 * Asks HEC about the batches' ackIds until all are indexed or `timeoutMs` has passed. This is
 * HEC's acknowledgement protocol, not a retry: each poll is one call (retried by the kit's
 * transport when it fails), and the interval is the protocol's polling period.
 */
export async function awaitAcks(ctx: ConnectorContext<SplunkConfig, SplunkClient>, ackIds: number[], ack: HecConfig['ack']): Promise<AckOutcomes> {
  const { client } = ctx;
  const outcomes: AckOutcomes = new Map();
  const deadline = client.now() + ack.timeoutMs;
  let pending = ackIds;
  for (;;) {
    let confirmed: number[];
    try {
      confirmed = await confirmedAcks(client, pending, ctx.signal);
    } catch (err) {
      if (!(err instanceof HubError)) throw err;
      return settle(outcomes, pending, err);
    }
    for (const id of confirmed) outcomes.set(id, undefined);
    pending = pending.filter((id) => !outcomes.has(id));
    if (pending.length === 0) return outcomes;
    if (client.now() + ack.pollIntervalMs > deadline) {
      const error = new UpstreamTimeoutError(
        `splunk: HEC did not acknowledge ${pending.length} batch(es) within ${ack.timeoutMs} ms; their events are sent again by a later run`,
        { ackIds: pending, timeoutMs: ack.timeoutMs, channel: client.channel },
      );
      return settle(outcomes, pending, error);
    }
    await client.sleep(ack.pollIntervalMs, ctx.signal);
  }
}

function settle(outcomes: AckOutcomes, pending: number[], error: HubError): AckOutcomes {
  for (const id of pending) outcomes.set(id, error);
  return outcomes;
}

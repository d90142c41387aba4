import { HubError, RecordInvalidError, UpstreamError, type ConnectorContext, type WriteOperation, type WriteOutcome } from '@ihub/plugin-kit';
import { hecConfig, type SplunkConfig } from '../config';
import { sendEvents, type SplunkClient } from '../transport';
import { awaitAcks } from './ack-wait';
import { batchBody, nextBatch } from './hec-batches';
import { toHecEvent, type HecEvent } from './hec-envelope';

type Context = ConnectorContext<SplunkConfig, SplunkClient>;

/**
 * Sends the operations as HEC events, one request per size-bounded batch, and answers one outcome
 * per operation, in order. An event HEC refuses fails alone and the rest of its batch is sent
 * again; any other failure of a request (auth, index, busy after retries) fails that batch and the
 * batches not yet sent, which would meet the same answer. With acknowledgement on, an event
 * succeeds only once HEC reports its batch indexed.
 */
export async function writeEvents(ctx: Context, operations: WriteOperation[]): Promise<WriteOutcome[]> {
  const hec = hecConfig(ctx.config);
  const outcomes: WriteOutcome[] = new Array(operations.length);
  let queue: HecEvent[] = [];
  operations.forEach((operation, position) => {
    const built = toHecEvent(operation, position, hec);
    if ('error' in built) outcomes[position] = { ok: false, error: built.error };
    else queue.push(built);
  });

  const awaiting: Array<{ ackId: number; batch: HecEvent[] }> = [];
  while (queue.length > 0) {
    const batch = nextBatch(queue, hec.batch);
    queue = queue.slice(batch.length);
    try {
      const { ackId } = await sendEvents(ctx.client, batchBody(batch), ctx.signal);
      if (hec.ack.enabled && ackId !== undefined) awaiting.push({ ackId, batch });
      else {
        if (hec.ack.enabled) ctx.logger.warn('splunk: hec.ack.enabled is set but HEC sent no ackId (the token has acknowledgement off); events count as written when HEC accepts them');
        succeed(outcomes, batch);
      }
    } catch (err) {
      if (!(err instanceof HubError)) throw err;
      const at = err.data.invalidEventNumber;
      if (err instanceof RecordInvalidError && typeof at === 'number' && at >= 0 && at < batch.length) {
        // HEC reads a batch event by event: those before the refused one were taken, those after it never read.
        settleTaken(outcomes, batch.slice(0, at), hec.ack.enabled);
        outcomes[batch[at].position] = { ok: false, error: err };
        queue = [...batch.slice(at + 1), ...queue];
        continue;
      }
      fail(outcomes, [...batch, ...queue], err);
      queue = [];
    }
  }

  if (awaiting.length > 0) {
    const acks = await awaitAcks(ctx, awaiting.map((a) => a.ackId), hec.ack);
    for (const { ackId, batch } of awaiting) {
      const error = acks.get(ackId);
      if (error) fail(outcomes, batch, error);
      else succeed(outcomes, batch);
    }
  }
  return outcomes;
}

function succeed(outcomes: WriteOutcome[], events: HecEvent[]): void {
  for (const event of events) outcomes[event.position] = { ok: true, id: event.id };
}

function fail(outcomes: WriteOutcome[], events: HecEvent[], error: HubError): void {
  for (const event of events) outcomes[event.position] = { ok: false, error };
}

/**
 * Events HEC took before it refused a later one of their batch. Its error answer carries no ackId,
 * so with acknowledgement on their indexing cannot be confirmed: they fail as retryable and are
 * sent again (a possible duplicate, never a loss).
 */
function settleTaken(outcomes: WriteOutcome[], events: HecEvent[], ackEnabled: boolean): void {
  if (!ackEnabled) return succeed(outcomes, events);
  const error = new UpstreamError('splunk: HEC took this event but refused a later one of its batch, so no ackId confirms it was indexed; it is sent again', {}, { retryable: true });
  fail(outcomes, events, error);
}

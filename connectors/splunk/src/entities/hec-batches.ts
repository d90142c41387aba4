import type { HecConfig } from '../config';
import type { HecEvent } from './hec-envelope';

/**
 * The events that go in the next request: as many from the front of `queue` as the batch limits
 * allow, and always at least one (every event alone fits, `toHecEvent` made sure).
 */
export function nextBatch(queue: HecEvent[], limits: HecConfig['batch']): HecEvent[] {
  let bytes = 0;
  let count = 0;
  for (const event of queue) {
    if (count === limits.maxEvents || (count > 0 && bytes + event.bytes > limits.maxBytes)) break;
    bytes += event.bytes;
    count += 1;
  }
  return queue.slice(0, count);
}

/** The request body of a batch: HEC takes JSON events one after another. */
export function batchBody(batch: HecEvent[]): string {
  return batch.map((event) => event.json).join('\n');
}

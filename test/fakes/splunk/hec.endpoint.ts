import type { EventStore } from './event-store';
import { parseHecBody } from './hec-body.parser';
import { hecAnswer as answer } from './hec-codes';
import type { FakeAnswer } from './fake-answer';
import type { FieldValue, HecTokenOptions, ReceivedEvent, RecordedRequest, SplunkFaults } from './splunk-fake.types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HecDeps {
  tokens: Record<string, HecTokenOptions>;
  indexes: string[];
  store: EventStore;
  received: ReceivedEvent[];
  faults: SplunkFaults;
  ackDelayMs: number;
}

type Authenticated = { token: string; options: HecTokenOptions; channel?: string };

/**
 * The HTTP Event Collector: `/services/collector[/event]`, `/services/collector/ack` and
 * `/services/collector/health`, with the codes and statuses of "Troubleshoot HTTP Event Collector"
 * and the channel and ackId rules of "About HTTP Event Collector Indexer Acknowledgment".
 */
export class HecEndpoint {
  /** Per channel: the next ackId and, for each unconfirmed ackId, when it becomes true. */
  private readonly channels = new Map<string, { next: number; pending: Map<number, number> }>();

  constructor(private readonly deps: HecDeps) {}

  health(): FakeAnswer {
    return answer(this.deps.faults.unhealthy ? 18 : 17);
  }

  event(req: RecordedRequest): FakeAnswer {
    const auth = this.authenticate(req);
    if ('status' in auth) return auth;
    const canned = this.deps.faults.hecErrors.shift();
    if (canned) {
      // Events before the one the error names were taken, as Splunk does for a batch it stops in.
      this.accept(auth, parseHecBody(req.body).objects.slice(0, canned.invalidEventNumber ?? 0) as Array<Record<string, unknown>>);
      const extra = canned.invalidEventNumber === undefined ? {} : { 'invalid-event-number': canned.invalidEventNumber };
      const headers: Record<string, string> = canned.retryAfterSeconds === undefined ? {} : { 'retry-after': String(canned.retryAfterSeconds) };
      return { ...answer(canned.code, extra), headers };
    }
    if (req.body.trim() === '') return answer(5);
    const parsed = parseHecBody(req.body);
    const events = parsed.objects;
    for (const [i, event] of events.entries()) {
      const code = this.problem(event, auth.options);
      if (code !== undefined) return this.stopAt(auth, events, i, code);
    }
    if (parsed.invalidAt !== undefined) return this.stopAt(auth, events, parsed.invalidAt, 6);
    this.accept(auth, events as Array<Record<string, unknown>>);
    if (!auth.options.ack) return answer(0);
    return answer(0, { ackId: this.newAckId(auth.channel!) });
  }

  ack(req: RecordedRequest): FakeAnswer {
    const auth = this.authenticate(req);
    if ('status' in auth) return auth;
    if (!auth.options.ack) return answer(14);
    let ids: unknown;
    try {
      ids = (JSON.parse(req.body) as { acks?: unknown }).acks;
    } catch {
      return answer(6);
    }
    if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id))) return answer(6);
    const pending = this.channels.get(auth.channel!)?.pending ?? new Map<number, number>();
    const acks: Record<string, boolean> = {};
    for (const id of ids as number[]) {
      const readyAt = pending.get(id);
      acks[String(id)] = readyAt !== undefined && Date.now() >= readyAt;
      // Splunk forgets an ackId once it has reported it true; asking again answers false.
      if (acks[String(id)]) pending.delete(id);
    }
    return { status: 200, body: { acks } };
  }

  private authenticate(req: RecordedRequest): Authenticated | FakeAnswer {
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    if (header === undefined) return answer(req.query.token === undefined ? 2 : 16);
    const token = tokenOf(header);
    if (token === undefined) return answer(3);
    const options = this.deps.tokens[token];
    if (!options) return answer(4);
    if (options.disabled) return answer(1);
    const channelHeader = req.headers['x-splunk-request-channel'];
    const channel = typeof channelHeader === 'string' ? channelHeader : req.query.channel;
    if (channel !== undefined && !GUID.test(channel)) return answer(11);
    if (options.ack && channel === undefined) return answer(10);
    return { token, options, channel };
  }

  /** The HEC code an event is refused with, or undefined when it can be indexed. */
  private problem(event: unknown, options: HecTokenOptions): number | undefined {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return 6;
    const e = event as Record<string, unknown>;
    if (!('event' in e)) return 12;
    if (e.event === null || e.event === '') return 13;
    if (e.index !== undefined && (typeof e.index !== 'string' || !this.mayWrite(e.index, options))) return 7;
    if (e.time !== undefined && !Number.isFinite(Number(e.time))) return 6;
    if (e.fields !== undefined && !validFields(e.fields)) return 15;
    return undefined;
  }

  private mayWrite(index: string, options: HecTokenOptions): boolean {
    return this.deps.indexes.includes(index) && (options.indexes === undefined || options.indexes.includes(index));
  }

  private stopAt(auth: Authenticated, events: unknown[], at: number, code: number): FakeAnswer {
    this.accept(auth, events.slice(0, at) as Array<Record<string, unknown>>);
    return answer(code, { 'invalid-event-number': at });
  }

  private accept(auth: Authenticated, events: Array<Record<string, unknown>>): void {
    for (const envelope of events) {
      this.deps.received.push({ token: auth.token, channel: auth.channel, envelope });
      this.deps.store.add({
        time: envelope.time === undefined ? Date.now() / 1000 : Number(envelope.time),
        index: (envelope.index as string | undefined) ?? auth.options.defaultIndex ?? 'main',
        host: envelope.host as string | undefined,
        source: envelope.source as string | undefined,
        sourcetype: envelope.sourcetype as string | undefined,
        event: envelope.event as string | Record<string, unknown>,
        fields: fieldsOf(envelope.fields),
      });
    }
  }

  private newAckId(channel: string): number {
    const state = this.channels.get(channel) ?? { next: 0, pending: new Map<number, number>() };
    this.channels.set(channel, state);
    const id = state.next++;
    state.pending.set(id, Date.now() + this.deps.ackDelayMs);
    return id;
  }
}

/** `Splunk <token>`, or Basic with the token as password (any user), as HEC accepts. */
function tokenOf(header: string): string | undefined {
  const splunk = /^Splunk\s+(\S+)$/.exec(header);
  if (splunk) return splunk[1];
  const basic = /^Basic\s+(\S+)$/.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : undefined;
}

function validFields(fields: unknown): boolean {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return false;
  const scalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v);
  return Object.values(fields).every((v) => scalar(v) || (Array.isArray(v) && v.every(scalar)));
}

/** Indexed fields as search returns them: every value a string. */
function fieldsOf(fields: unknown): Record<string, FieldValue> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(Object.entries(fields as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
}

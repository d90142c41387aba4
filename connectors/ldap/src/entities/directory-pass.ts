import { randomUUID } from 'node:crypto';
import type { ListPage, SourceRecord } from '@ihub/plugin-kit';
import { assertDeleteShare } from '../delete-threshold.error';
import type { ChangeMark, DirectoryDialect } from '../dialects';
import type { LdapConnection } from '../transport';
import { encodeCursor, type ListState, type PassRef } from './list-cursor';

/** The records of one LDAP page, with the newest change stamp among their entries. */
export interface Batch {
  records: SourceRecord[];
  newestStamp?: string;
}

export interface PassOptions {
  /** Entity name, for messages. */
  entity: string;
  /** `full`: every record, a snapshot the hub diffs to find deletions. `delta`: what changed since the previous mark. */
  kind: 'full' | 'delta';
  scope: string;
  /** The state the previous finished pass left; null before the first. */
  previous: ListState | null;
  /** The directory's mark, read before the pass began. */
  start: ChangeMark | null;
  batches: AsyncGenerator<Batch>;
  /** The pass's own connection, closed with it. */
  connection: LdapConnection;
  dialect: DirectoryDialect;
  maxDeleteShare: number;
}

/**
 * One read of an entity, served to the hub page by page. It keeps its paged search open on a
 * connection of its own between `list` calls, because an LDAP paging cookie is only good on the
 * connection that got it; a pass this process no longer has (after a restart, or on another
 * node) is simply started again.
 */
export class DirectoryPass {
  readonly id = randomUUID();
  lastUsed = Date.now();
  private readonly startedAt = new Date().toISOString();
  private readonly queue: SourceRecord[] = [];
  private exhausted = false;
  private closed = false;
  private pages = 0;
  private live = 0;
  private newestStamp?: string;

  constructor(private readonly options: PassOptions) {}

  /** True when a cursor points at exactly where this pass stands, so its next page is the one the hub wants. */
  continues(ref: PassRef): boolean {
    return ref.id === this.id && ref.page === this.pages && !this.closed;
  }

  /** The next page; the last one carries the final cursor. The pass closes itself when done or failed. */
  async page(pageSize: number): Promise<ListPage> {
    this.lastUsed = Date.now();
    const size = Math.max(1, pageSize);
    try {
      // Reading until more than a page is queued (or the read ended) makes `hasMore` exact.
      while (!this.exhausted && this.queue.length <= size) await this.pull();
      const records = this.queue.splice(0, size);
      this.pages += 1;
      this.live += records.filter((r) => !r.deleted).length;
      const snapshot = this.options.kind === 'full' ? { snapshot: this.id } : {};
      if (this.queue.length > 0) return { records, hasMore: true, cursor: encodeCursor({ ...this.carried(), pass: { id: this.id, page: this.pages } }), ...snapshot };
      const final = this.finish();
      await this.close();
      return { records, hasMore: false, cursor: encodeCursor(final), ...snapshot };
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.options.batches.return(undefined).catch(() => undefined);
    await this.options.connection.close();
  }

  private async pull(): Promise<void> {
    const next = await this.options.batches.next();
    if (next.done) {
      this.exhausted = true;
      return;
    }
    this.queue.push(...next.value.records);
    const stamp = next.value.newestStamp;
    if (stamp && (!this.newestStamp || stamp > this.newestStamp)) this.newestStamp = stamp;
  }

  /** The previous pass's state, which cursors inside this pass carry until it finishes. */
  private carried(): ListState {
    const { previous, scope } = this.options;
    return previous ? { v: 1, scope: previous.scope, mark: previous.mark, fullAt: previous.fullAt, count: previous.count } : { v: 1, scope, mark: null, fullAt: null, count: null };
  }

  /** The state this pass leaves; a complete pass that lost too many records fails here, before its last page reaches the hub. */
  private finish(): ListState {
    const { kind, previous, dialect, start, entity, maxDeleteShare } = this.options;
    if (kind === 'full') assertDeleteShare(entity, previous?.count ?? null, (previous?.count ?? 0) - this.live, maxDeleteShare);
    return {
      v: 1,
      scope: this.options.scope,
      mark: dialect.settleMark(start, previous?.mark ?? null, this.newestStamp),
      fullAt: kind === 'full' ? this.startedAt : (previous?.fullAt ?? null),
      count: kind === 'full' ? this.live : (previous?.count ?? null),
    };
  }
}

import { randomUUID } from 'node:crypto';
import {
  NotFoundError,
  UpstreamAuthError,
  defineConnector,
  secret,
  z,
  type ConfigFixture,
  type ConnectorManifest,
  type EntityDefinition,
  type SourceRecord,
} from '../../src';

/** The system of record the in-memory connector talks to: contacts with a change sequence, and a versioned file listing. */
export interface MemoryStore {
  contacts: Map<string, { data: Record<string, unknown>; seq: number }>;
  seq: number;
  files: string[];
  filesVersion: number;
  open: number;
}

const stores = new Map<string, MemoryStore>();

/** A `validConfig` factory: a fresh store with three contacts and two files, removed by cleanup. */
export async function memoryFixture(): Promise<ConfigFixture> {
  const name = randomUUID();
  const store: MemoryStore = { contacts: new Map(), seq: 0, files: ['a.csv', 'b.csv'], filesVersion: 1, open: 0 };
  for (const n of ['Ada', 'Grace', 'Linus']) store.contacts.set(randomUUID(), { data: { name: n }, seq: ++store.seq });
  stores.set(name, store);
  return { config: { store: name, user: 'svc', password: 'right-password' }, cleanup: async () => void stores.delete(name) };
}
export const storeOf = (config: unknown): MemoryStore | undefined => stores.get((config as { store: string }).store);

export const memoryConfig = z.object({ store: z.string().min(1), user: z.string().min(1), password: secret(z.string().min(1)) }).strict();
export type MemoryConfig = z.infer<typeof memoryConfig>;

const at = (seq: number): string => new Date(Date.UTC(2025, 0, 1) + seq * 1000).toISOString();
const toRecord = (id: string, c: { data: Record<string, unknown>; seq: number }): SourceRecord => ({ id, data: { ...c.data }, updatedAt: at(c.seq) });

export const contacts: EntityDefinition<MemoryConfig, MemoryStore> = {
  changeTracking: 'cursor',
  // The cursor is the change sequence of the last record handed out; a page resumes after it.
  async list({ client }, { cursor, pageSize }) {
    const after = cursor === null ? 0 : Number(cursor);
    const changed = [...client.contacts].filter(([, c]) => c.seq > after).sort(([, a], [, b]) => a.seq - b.seq);
    const page = changed.slice(0, pageSize);
    const last = page.at(-1)?.[1].seq ?? after;
    return { records: page.map(([id, c]) => toRecord(id, c)), cursor: String(last), hasMore: changed.length > pageSize };
  },
  async get({ client }, id) {
    const c = client.contacts.get(id);
    return c ? toRecord(id, c) : null;
  },
  async create({ client }, data, { correlationId, mayExist }) {
    if (mayExist) {
      const found = [...client.contacts].find(([, c]) => c.data.externalRef === correlationId);
      if (found) return { id: found[0] };
    }
    const id = randomUUID();
    client.contacts.set(id, { data: { ...data, externalRef: correlationId }, seq: ++client.seq });
    return { id };
  },
  async update({ client }, id, data) {
    const c = client.contacts.get(id);
    if (!c) throw new NotFoundError('contact', id);
    client.contacts.set(id, { data: { ...c.data, ...data }, seq: ++client.seq });
    return { id };
  },
};

export const files: EntityDefinition<MemoryConfig, MemoryStore> = {
  changeTracking: 'snapshot',
  // The listing's version is both the cursor and the snapshot id: an unchanged version means nothing changed.
  async list({ client }, { cursor, pageSize }) {
    const current = String(client.filesVersion);
    if (cursor === current) return { records: [], cursor, hasMore: false };
    // Cursors inside a pass are `version:offset`; a pass starts over once the version moved on.
    const [version, offset] = (cursor ?? '').split(':');
    const start = version === current ? Number(offset) : 0;
    const page = client.files.slice(start, start + pageSize);
    const hasMore = start + pageSize < client.files.length;
    return {
      records: page.map((f) => ({ id: f, data: { path: f } })),
      cursor: hasMore ? `${current}:${start + pageSize}` : current,
      hasMore,
      snapshot: current,
    };
  },
};

/** A manifest draft, so that a test can break one part of a connector that otherwise conforms. */
export function memoryManifest(): ConnectorManifest<MemoryConfig, MemoryStore> {
  return {
    id: 'memory',
    version: '1.0.0',
    displayName: 'In-memory',
    hub: '^0.1.0',
    config: memoryConfig,
    auth: ['basic'],
    async connect({ config }) {
      const store = storeOf(config);
      if (!store) throw new UpstreamAuthError(`no store ${config.store}`);
      store.open += 1;
      return store;
    },
    async disconnect(store) {
      store.open -= 1;
    },
    async check({ config }) {
      return config.password === 'right-password' ? { ok: true } : { ok: false, message: 'wrong password' };
    },
    entities: { contacts, files },
  };
}

export const memoryConnector = defineConnector(memoryManifest());

import assert from 'node:assert/strict';
import {
  ConfigInvalidError,
  HubError,
  createTestContext,
  describeConnectorConformance,
  planConformance,
  secret,
  z,
  type ConformanceOptions,
  type ConnectorManifest,
  type EntityDefinition,
} from '../../src';
import { contacts, memoryConnector, memoryFixture, memoryManifest, storeOf, type MemoryConfig, type MemoryStore } from './memory-connector';

const options: ConformanceOptions = {
  validConfig: memoryFixture,
  invalidConfigs: [
    { config: { store: 's', user: 'svc' }, reason: 'password missing' },
    { config: { store: 's', user: 'svc', password: 'x', extra: 1 }, reason: 'unknown field' },
  ],
  secrets: ['password'],
  failingConfig: async () => {
    const { config, cleanup } = await memoryFixture();
    return { config: { ...(config as object), password: 'wrong' }, cleanup };
  },
  entities: {
    contacts: { list: { minRecords: 3 }, roundTrip: { create: { name: 'Barbara' }, update: { name: 'Barbara L.' } } },
  },
};

type Outcome = 'passed' | 'skipped' | string;

/** Runs a plan the way mocha would, and tells per check whether it passed, was skipped, or why it failed. */
async function runPlan<C, K>(manifest: ConnectorManifest<C, K>, opts: ConformanceOptions): Promise<Record<string, Outcome>> {
  const plan = planConformance(manifest, opts);
  const outcomes: Record<string, Outcome> = {};
  await plan.setUp();
  try {
    for (const check of plan.checks) {
      const key = `${check.name}${check.name === 'invalid-configs' ? ` (${check.title})` : ''}`;
      if (check.skipReason !== undefined) {
        outcomes[key] = 'skipped';
        continue;
      }
      outcomes[key] = await check.run().then(
        () => 'passed',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
    }
  } finally {
    await plan.tearDown();
  }
  return outcomes;
}

const failures = (outcomes: Record<string, Outcome>): Record<string, string> =>
  Object.fromEntries(Object.entries(outcomes).filter(([, o]) => o !== 'passed' && o !== 'skipped'));

/** A conforming manifest with one part replaced. */
function broken(change: (m: ConnectorManifest<MemoryConfig, MemoryStore>) => void): ConnectorManifest<unknown, MemoryStore> {
  const m = memoryManifest();
  change(m);
  return m as ConnectorManifest<unknown, MemoryStore>;
}
const withContacts = (patch: Partial<EntityDefinition<MemoryConfig, MemoryStore>>) =>
  broken((m) => {
    m.entities = { ...m.entities, contacts: { ...contacts, ...patch } };
  });

// The suite as a connector author runs it: one line, in mocha.
describeConnectorConformance(memoryConnector, options);

describe('connector conformance suite', () => {
  it('passes every check for a conforming connector, connecting and disconnecting once per check', async () => {
    let opened = 0;
    let closed = 0;
    const counted = broken((m) => {
      const { connect, disconnect } = m;
      m.connect = (ctx) => (opened++, connect!(ctx));
      m.disconnect = (client) => (closed++, disconnect!(client));
    });
    assert.deepEqual(failures(await runPlan(counted, options)), {});
    // Once per check that calls the connector: check, failing-check, two list checks and two write checks of contacts, two list checks of files.
    assert.equal(opened, 8);
    assert.equal(closed, opened);
    const outcomes = await runPlan(memoryConnector, options);
    assert.deepEqual(failures(outcomes), {});
    assert.deepEqual(Object.keys(outcomes), [
      'manifest',
      'config',
      'invalid-configs (rejects an invalid config: password missing)',
      'invalid-configs (rejects an invalid config: unknown field)',
      'secrets',
      'check',
      'failing-check',
      'list:contacts',
      'incremental:contacts',
      'round-trip:contacts',
      'idempotent-create:contacts',
      'list:files',
      'incremental:files',
    ]);
  });

  it('detects a secret field that is not marked secret', async () => {
    const m = broken((d) => {
      d.config = z.object({ store: z.string(), user: z.string(), password: z.string().min(1) }).strict();
    });
    const failed = failures(await runPlan(m, options));
    assert.deepEqual(Object.keys(failed), ['secrets']);
    assert.match(failed.secrets, /declared secret field\(s\) not marked with secret\(\): password/);
  });

  it('detects an undeclared field named like a credential, and a secret published as a default', async () => {
    const unmarked = broken((d) => {
      d.config = z.object({ store: z.string(), user: z.string(), password: secret(z.string()), apiKey: z.string().optional() }).strict();
    });
    assert.match(failures(await runPlan(unmarked, options)).secrets, /named like a credential but not marked with secret\(\): apiKey/);
    const defaulted = broken((d) => {
      d.config = z.object({ store: z.string(), user: z.string(), password: secret(z.string().default('right-password')) }).strict();
    });
    assert.match(failures(await runPlan(defaulted, options)).secrets, /secret field\(s\) with a default or examples.*: password/);
  });

  it('detects a connection check that throws a raw Error instead of failing as the hub can report', async () => {
    const m = broken((d) => {
      d.check = async ({ config }) => {
        if (config.password !== 'right-password') throw new Error('ECONNREFUSED');
        return { ok: true };
      };
    });
    const failed = failures(await runPlan(m, options));
    assert.deepEqual(Object.keys(failed), ['failing-check']);
    assert.match(failed['failing-check'], /threw a raw Error: ECONNREFUSED/);
  });

  it('accepts a connection check that throws a HubError for the failing config', async () => {
    const m = broken((d) => {
      d.check = async ({ config }) => {
        if (config.password !== 'right-password') throw new HubError('IHUB_UPSTREAM_AUTH', 'bad password');
        return { ok: true };
      };
    });
    assert.deepEqual(failures(await runPlan(m, options)), {});
  });

  it('detects a config schema that accepts an invalid config', async () => {
    const m = broken((d) => {
      d.config = z.object({ store: z.string(), user: z.string(), password: secret(z.string().min(1)) });
    });
    assert.deepEqual(failures(await runPlan(m, options)), {
      'invalid-configs (rejects an invalid config: unknown field)': 'the config schema accepts a config that should be rejected (unknown field)',
    });
  });

  it('detects an invalid manifest', async () => {
    const m = broken((d) => {
      d.version = 'one';
    });
    assert.match(failures(await runPlan(m, options)).manifest, /version: must be a semver version/);
  });

  it('detects a list that ends without a cursor, and one whose cursor does not move', async () => {
    const noCursor = withContacts({ list: async (ctx, req) => ({ ...(await contacts.list!(ctx, req)), cursor: null }) });
    assert.match(failures(await runPlan(noCursor, options))['list:contacts'], /page 1: hasMore is true but the cursor did not move/);
    const lastNull = withContacts({
      list: async (ctx, req) => {
        const page = await contacts.list!(ctx, req);
        return page.hasMore ? page : { ...page, cursor: null };
      },
    });
    assert.match(failures(await runPlan(lastNull, options))['list:contacts'], /null cursor/);
  });

  it('detects records with a non-string id or a page larger than asked for', async () => {
    const numericIds = withContacts({
      list: async (ctx, req) => {
        const page = await contacts.list!(ctx, req);
        return { ...page, records: page.records.map((r, i) => ({ ...r, id: i as unknown as string })) };
      },
    });
    assert.match(failures(await runPlan(numericIds, options))['list:contacts'], /ids must be non-empty strings/);
    const oversized = withContacts({ list: async (ctx, req) => contacts.list!(ctx, { ...req, pageSize: req.pageSize + 1 }) });
    assert.match(failures(await runPlan(oversized, options))['list:contacts'], /3 records for a page size of 2/);
  });

  it('detects an incremental list that returns unchanged records again from the final cursor', async () => {
    // Past the end, it starts over instead of answering "nothing new".
    const m = withContacts({
      list: async (ctx, req) => {
        const page = await contacts.list!(ctx, req);
        return page.records.length === 0 ? contacts.list!(ctx, { ...req, cursor: null }) : page;
      },
    });
    const failed = failures(await runPlan(m, options));
    assert.deepEqual(Object.keys(failed), ['incremental:contacts']);
    assert.match(failed['incremental:contacts'], /returned unchanged records of the first read again/);
  });

  it('tolerates records at the boundary timestamp being listed again', async () => {
    // Re-include the boundary: resume one step before the cursor, as a `>=` query on updatedAt would.
    const m = withContacts({ list: async (ctx, req) => contacts.list!(ctx, { ...req, cursor: req.cursor === null ? null : String(Number(req.cursor) - 1) }) });
    assert.deepEqual(failures(await runPlan(m, options)), {});
    const fixture = await memoryFixture();
    const { ctx, close } = await createTestContext(m, fixture.config);
    const again = await m.entities.contacts.list!(ctx, { cursor: '3', pageSize: 2 });
    assert.deepEqual(again.records.map((r) => r.data.name), ['Linus'], 'the variant does re-deliver the boundary record');
    await close();
    await fixture.cleanup?.();
  });

  it('detects a snapshot entity whose full read carries no snapshot id', async () => {
    const m = broken((d) => {
      const files = d.entities.files;
      d.entities = { ...d.entities, files: { ...files, list: async (ctx, req) => ({ ...(await files.list!(ctx, req)), snapshot: undefined }) } };
    });
    assert.match(failures(await runPlan(m, options))['list:files'], /must carry the same snapshot id/);
  });

  it('detects an update that is not read back, and a create retried with mayExist that duplicates', async () => {
    const lostUpdate = withContacts({ update: async (_ctx, id) => ({ id }) });
    assert.match(failures(await runPlan(lostUpdate, options))['round-trip:contacts'], /get does not read back the updated values/);
    const duplicating = withContacts({ create: (ctx, data, opts) => contacts.create!(ctx, data, { ...opts, mayExist: false }) });
    assert.match(failures(await runPlan(duplicating, options))['idempotent-create:contacts'], /created a duplicate/);
  });

  it('round-trips through write when the entity writes in batches', async () => {
    const m = withContacts({
      create: undefined,
      update: undefined,
      write: async (ctx, ops) =>
        Promise.all(
          ops.map(async (op) => {
            if (op.op === 'create') return { ok: true as const, id: (await contacts.create!(ctx, op.data, op.options)).id };
            if (op.op === 'update') return { ok: true as const, id: (await contacts.update!(ctx, op.id, op.data)).id };
            return { ok: false as const, error: new HubError('IHUB_UNSUPPORTED', 'no delete') };
          }),
        ),
    });
    const outcomes = await runPlan(m, options);
    assert.deepEqual(failures(outcomes), {});
    assert.equal(outcomes['round-trip:contacts'], 'passed');
  });

  it('fails the write checks of a writable entity given no data, and skips them with the reason given', async () => {
    const noData = { ...options, entities: { contacts: { list: { minRecords: 3 } } } };
    assert.match(failures(await runPlan(memoryConnector, noData))['round-trip:contacts'], /give entities\.contacts\.roundTrip data .* or skip 'round-trip:contacts' with a reason/);
    const skipped = planConformance(memoryConnector, { ...noData, skip: { 'round-trip:contacts': 'the sandbox is read-only' } });
    assert.equal(skipped.checks.find((c) => c.name === 'round-trip:contacts')?.skipReason, 'the sandbox is read-only');
  });

  it('refuses options with a reasonless skip, a skip naming no check, or an entity the manifest lacks', () => {
    const invalid = (opts: ConformanceOptions, message: RegExp) =>
      assert.throws(() => planConformance(memoryConnector, opts), (err: unknown) => err instanceof HubError && err.code === 'IHUB_CONFORMANCE_OPTIONS_INVALID' && message.test(err.message));
    invalid({ ...options, skip: { secrets: ' ' } }, /every skip needs a reason: secrets/);
    invalid({ ...options, skip: { 'list:contact': 'typo' } }, /skip names no check: list:contact/);
    invalid({ ...options, entities: { people: {} } }, /entities the manifest does not declare: people/);
  });
});

describe('createTestContext', () => {
  it('parses the config, connects, and disconnects and aborts on close', async () => {
    const fixture = await memoryFixture();
    const store = storeOf(fixture.config);
    const { ctx, close } = await createTestContext(memoryConnector, fixture.config);
    assert.equal(ctx.client, store);
    assert.equal(store?.open, 1);
    assert.deepEqual(ctx.integration, { id: 'conformance', name: 'conformance', tenantId: 'conformance' });
    assert.equal(ctx.signal.aborted, false);
    await close();
    assert.equal(store?.open, 0);
    assert.equal(ctx.signal.aborted, true);
    await fixture.cleanup?.();
  });

  it('rejects a config the schema refuses with ConfigInvalidError listing every problem', async () => {
    await assert.rejects(createTestContext(memoryConnector, { user: 1 }), (err: unknown) => {
      assert.ok(err instanceof ConfigInvalidError);
      assert.deepEqual(err.problems.map((p) => p.path).sort(), ['password', 'store', 'user']);
      return true;
    });
  });
});

import {
  ConfigInvalidError, ConnectorContext, ConnectorFailedError, CheckResult, CreateOptions, HubError, ListPage, ListRequest, Logger,
  InboundAction, InboundRequest, SourceRecord, WriteOperation, WriteOutcome,
} from '@ihub/plugin-kit';
import type { LoadedConnector } from './connector-registry';

export interface IntegrationIdentity {
  id: string;
  name: string;
  tenantId: string;
}

/**
 * One integration's live connector: parsed config, opened client, and every call guarded so that
 * whatever a plugin throws becomes a HubError that fails the run (or the record), never the hub.
 */
export class ConnectorInstance {
  private client: unknown;
  private connecting?: Promise<unknown>;
  private readonly abort = new AbortController();
  readonly config: unknown;

  /** `hostClient`: what the hub gives a built-in connector instead of calling `connect` (its store). */
  constructor(
    readonly connector: LoadedConnector,
    readonly integration: IntegrationIdentity,
    rawConfig: unknown,
    private readonly logger: Logger,
    hostClient?: unknown,
  ) {
    this.client = hostClient;
    const parsed = connector.manifest.config.safeParse(rawConfig);
    if (!parsed.success) {
      throw new ConfigInvalidError(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        `connection config of integration '${integration.name}'`,
      );
    }
    this.config = parsed.data;
  }

  get id(): string {
    return this.connector.manifest.id;
  }

  hasEntity(entity: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.connector.manifest.entities, entity);
  }

  supports(entity: string, op: 'list' | 'get' | 'create' | 'update' | 'delete' | 'write'): boolean {
    return typeof this.connector.manifest.entities[entity]?.[op] === 'function';
  }

  changeTracking(entity: string): 'cursor' | 'snapshot' {
    return this.entity(entity).changeTracking;
  }

  async check(): Promise<CheckResult> {
    return this.guard('check', async (ctx) => this.connector.manifest.check(ctx));
  }

  async list(entity: string, request: ListRequest): Promise<ListPage> {
    return this.guard(`${entity}.list`, (ctx) => this.operation(entity, 'list')(ctx, request));
  }

  /** True when the connector takes webhooks from its system (`/hooks/{integrationId}`). */
  get acceptsInbound(): boolean {
    return this.connector.manifest.inbound !== undefined;
  }

  async inbound(request: InboundRequest): Promise<InboundAction> {
    const handler = this.connector.manifest.inbound;
    if (!handler) throw new ConnectorFailedError(this.id, 'inbound', new Error('the connector has no inbound handler'));
    return this.guard('inbound', (ctx) => handler.handle(ctx, request));
  }

  async get(entity: string, id: string): Promise<SourceRecord | null> {
    return this.guard(`${entity}.get`, (ctx) => this.operation(entity, 'get')(ctx, id));
  }

  /**
   * Applies writes through the entity's batch `write` when it has one, else one call per
   * operation. A failing operation yields `ok: false` with a HubError; the others still apply.
   */
  async write(entity: string, operations: WriteOperation[]): Promise<WriteOutcome[]> {
    const def = this.entity(entity);
    if (def.write) return this.guard(`${entity}.write`, (ctx) => def.write!(ctx, operations));
    const outcomes: WriteOutcome[] = [];
    for (const op of operations) {
      try {
        outcomes.push({ ok: true, id: await this.writeOne(entity, op) });
      } catch (err) {
        outcomes.push({ ok: false, error: err as HubError });
      }
    }
    return outcomes;
  }

  async close(): Promise<void> {
    this.abort.abort();
    // A host client belongs to the hub, which closes it itself.
    if (this.connector.builtin) return;
    if (this.client !== undefined && this.connector.manifest.disconnect) {
      await this.connector.manifest.disconnect(this.client).catch((err: unknown) => this.logger.warn(`disconnect of ${this.integration.name} failed: ${(err as Error).message}`));
    }
    this.client = undefined;
  }

  private async writeOne(entity: string, op: WriteOperation): Promise<string> {
    if (op.op === 'create') {
      const r = await this.guard(`${entity}.create`, (ctx) => this.operation(entity, 'create')(ctx, op.data, op.options as CreateOptions));
      return r.id;
    }
    if (op.op === 'update') {
      const r = await this.guard(`${entity}.update`, (ctx) => this.operation(entity, 'update')(ctx, op.id, op.data));
      return r.id;
    }
    await this.guard(`${entity}.delete`, (ctx) => this.operation(entity, 'delete')(ctx, op.id));
    return op.id;
  }

  private entity(entity: string) {
    const def = this.connector.manifest.entities[entity];
    if (!def) throw new HubError('IHUB_ENTITY_UNKNOWN', `connector '${this.id}' has no entity '${entity}'`, { fault: 'user', data: { connector: this.id, entity } });
    return def;
  }

  private operation<K extends 'list' | 'get' | 'create' | 'update' | 'delete'>(entity: string, op: K) {
    const fn = this.entity(entity)[op];
    if (typeof fn !== 'function') {
      throw new HubError('IHUB_OPERATION_UNSUPPORTED', `connector '${this.id}' cannot ${op} '${entity}'`, { fault: 'user', data: { connector: this.id, entity, operation: op } });
    }
    return fn.bind(this.entity(entity)) as NonNullable<ReturnType<typeof this.entity>[K]>;
  }

  private async context(): Promise<ConnectorContext<unknown, unknown>> {
    const base = { config: this.config, logger: this.logger, integration: this.integration, signal: this.abort.signal };
    if (this.client === undefined && this.connector.manifest.connect) {
      this.connecting ??= this.connector.manifest.connect(base).then((client) => (this.client = client)).finally(() => (this.connecting = undefined));
      await this.connecting;
    }
    return { ...base, client: this.client };
  }

  private async guard<T>(operation: string, fn: (ctx: ConnectorContext<unknown, unknown>) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.context());
    } catch (err) {
      if (err instanceof HubError) throw err;
      throw new ConnectorFailedError(this.id, operation, err);
    }
  }
}

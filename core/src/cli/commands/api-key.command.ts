import { Command } from 'commander';
import { HubError } from '@ihub/plugin-kit';
import { ApiKey, type Scope } from '../../store/entities';
import { createApiKey } from '../../api/auth/api-keys';
import { createOAuthClient } from '../../api/auth/oauth-clients';
import { SCOPES } from '../../api/auth/scopes';
import { appendAudit } from '../../audit';
import { action, cliActor, GlobalOptions, withRuntime } from '../cli-context';
import { table, when } from '../format';

function parseScopes(value: string): Scope[] {
  const scopes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !SCOPES.includes(s as Scope));
  if (scopes.length === 0 || unknown.length > 0) throw new HubError('IHUB_VALIDATION', `--scopes takes a comma-separated list of ${SCOPES.join(', ')}; got '${value}'`, { fault: 'user' });
  return scopes as Scope[];
}

/**
 * `ihub api-key create|list|revoke` and `ihub oauth-client create`: the first credentials of a
 * tenant have to come from somewhere that is not the API itself.
 */
export function apiKeyCommand(program: Command): void {
  const keys = program.command('api-key').description('create, list and revoke API keys');
  keys
    .command('create')
    .description('create an API key and print it once')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--scopes <list>', 'comma-separated: read, write, admin', 'read')
    .option('--tenant <code>', 'tenant of the key', 'default')
    .option('--expires <iso date>', 'when the key stops working')
    .action(action(async (opts: { name: string; scopes: string; tenant: string; expires?: string }) => {
      const scopes = parseScopes(opts.scopes);
      const expiresAt = opts.expires ? new Date(opts.expires) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new HubError('IHUB_VALIDATION', `--expires: '${opts.expires}' is not a date`, { fault: 'user' });
      await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const { key, record } = await createApiKey(runtime.store, { tenantId, name: opts.name, scopes, expiresAt, createdBy: cliActor() });
        await appendAudit(runtime.store, { tenantId, actor: cliActor(), action: 'createApiKey', target: `api-key:${record.id}`, outcome: 'success', details: { name: opts.name, scopes } });
        process.stderr.write(`API key '${opts.name}' (${record.id}) for tenant ${opts.tenant}, scopes ${scopes.join(', ')}. It is shown once: store it now.\n`);
        process.stdout.write(`${key}\n`);
      });
    }));
  keys
    .command('list')
    .description("list a tenant's API keys (never the keys themselves)")
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (opts: { tenant: string }) => {
      await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const rows = await runtime.store.getRepository(ApiKey).find({ where: { tenantId: runtime.tenantId(opts.tenant) }, order: { createdAt: 'ASC' } });
        process.stdout.write(`${table(['id', 'name', 'prefix', 'scopes', 'expires', 'revoked', 'last used'], rows.map((k) => [k.id, k.name, `${k.prefix}…`, k.scopes.join(','), when(k.expiresAt), when(k.revokedAt), when(k.lastUsedAt)]))}\n`);
      });
    }));
  keys
    .command('revoke <id>')
    .description('revoke an API key at once')
    .option('--tenant <code>', 'tenant of the key', 'default')
    .action(action(async (id: string, opts: { tenant: string }) => {
      await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const key = await runtime.store.getRepository(ApiKey).findOneBy({ id, tenantId: runtime.tenantId(opts.tenant) });
        if (!key) throw new HubError('IHUB_NOT_FOUND', `api key '${id}' not found`, { fault: 'user' });
        await runtime.store.getRepository(ApiKey).update({ id }, { revokedAt: new Date() });
        await appendAudit(runtime.store, { tenantId: key.tenantId, actor: cliActor(), action: 'revokeApiKey', target: `api-key:${id}`, outcome: 'success' });
        process.stdout.write(`revoked ${id}\n`);
      });
    }));

  program
    .command('oauth-client')
    .description('OAuth 2.0 clients for the client credentials grant')
    .command('create')
    .description('create an OAuth client and print its id and secret once')
    .requiredOption('--name <name>', 'what the client is')
    .option('--scopes <list>', 'comma-separated: read, write, admin', 'read')
    .option('--tenant <code>', 'tenant of the client', 'default')
    .action(action(async (opts: { name: string; scopes: string; tenant: string }) => {
      const scopes = parseScopes(opts.scopes);
      await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const { clientId, clientSecret, record } = await createOAuthClient(runtime.store, { tenantId, name: opts.name, scopes });
        await appendAudit(runtime.store, { tenantId, actor: cliActor(), action: 'createOAuthClient', target: `oauth-client:${record.id}`, outcome: 'success', details: { name: opts.name, scopes } });
        process.stdout.write(`client_id=${clientId}\nclient_secret=${clientSecret}\n`);
        process.stderr.write('The secret is shown once: store it now. Tokens: POST /api/v1/oauth/token with grant_type=client_credentials.\n');
      });
    }));
}

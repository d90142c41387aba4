import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigInvalidError, type ConfigProblem } from '@ihub/plugin-kit';
import type { z } from 'zod';
import { displayPath, problemAt, sortProblems, type ConfigFile } from './config-file';
import type { PathSegment } from './config-path';
import { substituteEnv, type ConfigEnv } from './env-substitution';
import { DEFAULT_TENANT_CODE, hubFileSchema, tenantSchema, type HubConfig, type HubFileConfig, type TenantConfig } from './hub-file.schema';
import { flowSchema, integrationFileSchema, integrationSchema, type FlowConfig, type IntegrationConfig } from './integration-file.schema';
import type { ConfigValidation, LoadConfigOptions, LoadedConfig, LoadedHubSettings } from './loaded-config.types';
import { schemaParseOptions, schemaProblems } from './schema-problems';
import type { DeclaredItem, IntegrationFileHeader } from './declared-items.types';
import { semanticProblems } from './semantic-checks';
import { YamlSource } from './yaml-source';
import { asRecord } from './raw-value';
import { webhookConfigSchema, type WebhookConfig } from '../webhooks/subscription.schema';

/**
 * Loads `hub.yaml` and every integration file, or throws a `ConfigInvalidError` listing every
 * problem found. To know which connectors to pass, a caller may load once without `connectors`
 * (connector checks are then skipped), load the plugins named in `hub.plugins`, and load again.
 */
export async function loadConfig(hubFile: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const { config, problems } = await validateConfig(hubFile, options);
  if (!config) throw new ConfigInvalidError(problems);
  return config;
}

/** Like `loadConfig`, but returns the problems instead of throwing; for `ihub validate`. */
export async function validateConfig(hubFile: string, options: LoadConfigOptions = {}): Promise<ConfigValidation> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];

  const hubPath = path.resolve(cwd, hubFile);
  const hub = await readConfigFile(hubPath, cwd, env, problems);
  const hubParse = hub && hubFileSchema.safeParse(hub.value ?? {}, schemaParseOptions);
  if (hub && hubParse && !hubParse.success) problems.push(...located(hub.file, schemaProblems(hubParse.error.issues)));
  const hubConfig = hubParse?.success ? hubParse.data : bestEffortHubConfig(hub?.value);
  const tenants = hub ? declaredTenants(hub, hubParse?.success ? hubParse.data : undefined) : undefined;

  const settings = resolveHubPaths(hubConfig.hub, hubPath);
  if (hub) problems.push(...(await missingFolderProblems(hub.file, settings)));

  const integrationFiles: IntegrationFileHeader[] = [];
  const integrations: DeclaredItem<IntegrationConfig>[] = [];
  const flows: DeclaredItem<FlowConfig>[] = [];
  const webhooks: DeclaredItem<WebhookConfig>[] = [];
  for (const filePath of await integrationFilePaths(settings.integrationsDir)) {
    const read = await readConfigFile(filePath, cwd, env, problems);
    if (!read) continue;
    const parsed = integrationFileSchema.safeParse(read.value ?? {}, schemaParseOptions);
    if (!parsed.success) problems.push(...located(read.file, schemaProblems(parsed.error.issues)));
    const raw = asRecord(read.value);
    const tenant = parsed.success ? parsed.data.tenant : typeof raw.tenant === 'string' ? raw.tenant : DEFAULT_TENANT_CODE;
    integrationFiles.push({ file: read.file, tenant });
    integrations.push(...declaredItems(read.file, raw, 'integrations', tenant, 'name', integrationSchema));
    flows.push(...declaredItems(read.file, raw, 'flows', tenant, 'name', flowSchema));
    webhooks.push(...declaredItems(read.file, raw, 'webhooks', tenant, 'name', webhookConfigSchema));
  }

  problems.push(...semanticProblems({ tenants, integrationFiles, integrations, flows, webhooks, connectors: options.connectors }));
  if (problems.length > 0) return { hub: settings, problems: sortProblems(problems) };

  // No problems means every item passed its schema, so `value` is set.
  const withLocation = <T>(item: DeclaredItem<T>) => ({ ...(item.value as T), tenant: item.tenant, file: item.file.file, line: item.file.source.lineOf(item.at) });
  return {
    hub: settings,
    problems: [],
    config: {
      hub: settings,
      tenants: hubConfig.tenants.map((t) => ({ code: t.code, name: t.name ?? t.code, webhooks: t.webhooks })),
      integrations: integrations.map(withLocation),
      flows: flows.map((flow) => ({ ...withLocation(flow), pageSize: flow.value?.pageSize ?? settings.sync.pageSize })),
      webhooks: webhooks.map(withLocation),
    },
  };
}

/** Reads, parses and `${ENV}`-substitutes one file; reports unreadable files and syntax errors and returns undefined for them. */
async function readConfigFile(
  absolutePath: string,
  cwd: string,
  env: ConfigEnv,
  problems: ConfigProblem[],
): Promise<{ file: ConfigFile; value: unknown } | undefined> {
  const shown = displayPath(absolutePath, cwd);
  let text: string;
  try {
    text = await fs.readFile(absolutePath, 'utf8');
  } catch (err) {
    problems.push({ file: shown, path: '', message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    return undefined;
  }
  const source = YamlSource.parse(text);
  const file: ConfigFile = { absolutePath, file: shown, source };
  if (source.syntaxErrors.length > 0) {
    problems.push(...source.syntaxErrors.map((e) => ({ file: shown, line: e.line, path: '', message: `YAML syntax error: ${e.message}` })));
    return undefined;
  }
  const substituted = substituteEnv(source.value, env);
  problems.push(...located(file, substituted.problems));
  return { file, value: substituted.value };
}

function located(file: ConfigFile, found: { path: PathSegment[]; message: string }[]): ConfigProblem[] {
  return found.map((p) => problemAt(file, p.path, p.message));
}

/** When hub.yaml fails its schema, go on with its defaults (and a usable integrationsDir) so integration files are still checked. */
function bestEffortHubConfig(raw: unknown): HubFileConfig {
  const integrationsDir = asRecord(asRecord(raw).hub).integrationsDir;
  const defaults = hubFileSchema.parse({});
  return typeof integrationsDir === 'string' ? { ...defaults, hub: { ...defaults.hub, integrationsDir } } : defaults;
}

function declaredTenants(hub: { file: ConfigFile; value: unknown }, parsed: HubFileConfig | undefined): DeclaredItem<TenantConfig>[] {
  // Tenants left to their default are not in the file; they are still declared, at `tenants`.
  if (parsed && asRecord(hub.value).tenants === undefined) {
    return parsed.tenants.map((t) => ({ file: hub.file, at: ['tenants'], tenant: '', name: t.code, raw: t, value: t }));
  }
  return declaredItems(hub.file, asRecord(hub.value), 'tenants', '', 'code', tenantSchema);
}

function declaredItems<T>(file: ConfigFile, raw: Record<string, unknown>, key: string, tenant: string, nameKey: string, schema: z.ZodType<T>): DeclaredItem<T>[] {
  const items = raw[key];
  if (!Array.isArray(items)) return [];
  return items.map((item, i) => {
    const name = asRecord(item)[nameKey];
    const parsed = schema.safeParse(item);
    return { file, at: [key, i], tenant, name: typeof name === 'string' ? name : undefined, raw: item, value: parsed.success ? parsed.data : undefined };
  });
}

function resolveHubPaths(hub: HubConfig, hubPath: string): LoadedHubSettings {
  const hubDir = path.dirname(hubPath);
  return {
    ...hub,
    file: hubPath,
    integrationsDir: path.resolve(hubDir, hub.integrationsDir),
    plugins: { paths: hub.plugins.paths.map((p) => path.resolve(hubDir, p)), packages: hub.plugins.packages },
  };
}

/** Folders named in hub.yaml that do not exist: reported here, where their line is known. */
async function missingFolderProblems(file: ConfigFile, settings: LoadedHubSettings): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const raw = asRecord(asRecord(file.source.value).hub);
  // The default integrations folder may be absent (a hub with no integrations yet); a configured one may not.
  if (raw.integrationsDir !== undefined && !(await isFolder(settings.integrationsDir))) {
    problems.push(problemAt(file, ['hub', 'integrationsDir'], `folder not found: ${settings.integrationsDir}`));
  }
  for (const [i, folder] of settings.plugins.paths.entries()) {
    if (!(await isFolder(folder))) problems.push(problemAt(file, ['hub', 'plugins', 'paths', i], `folder not found: ${folder}`));
  }
  return problems;
}

async function integrationFilePaths(folder: string): Promise<string[]> {
  if (!(await isFolder(folder))) return [];
  const names = await fs.readdir(folder);
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => path.join(folder, n));
}

async function isFolder(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isDirectory(), () => false);
}

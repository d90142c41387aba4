import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { ConnectorManifest, HubError, PluginInvalidError, manifestProblems, entityOperations, toJsonSchema, secretPaths } from '@ihub/plugin-kit';
import { HUB_VERSION } from './hub-version';
import { hubEventsConnector } from '../hub-events';

export type AnyConnector = ConnectorManifest<any, any>;

export interface LoadedConnector {
  manifest: AnyConnector;
  /** Package name and folder it was loaded from. */
  packageName: string;
  packageDir: string;
  /** Dotted paths of the config fields marked secret. */
  secrets: string[];
  /** Part of the hub itself: the runtime hands it the hub's store as its client. */
  builtin: boolean;
}

/** Connectors every hub has, whatever is installed, and the package they come with. */
const BUILTIN_CONNECTORS: AnyConnector[] = [hubEventsConnector];
const CORE_DIR = path.resolve(__dirname, '..', '..');

export interface DiscoveryOptions {
  /** Folders whose sub-folders are connector packages (the project's `connectors/`). */
  roots?: string[];
  /** Folders that are connector packages themselves. */
  paths?: string[];
  /** npm package names, resolved from `resolveFrom`. */
  packages?: string[];
  resolveFrom?: string;
  hubVersion?: string;
}

/** Catalog entry of a connector, readable without calling it: for the CLI, the API and config validation. */
export interface ConnectorDescription {
  id: string;
  version: string;
  displayName: string;
  description?: string;
  package: string;
  auth: string[];
  entities: Array<{ name: string; changeTracking: string; operations: string[] }>;
  configSchema: Record<string, unknown>;
  secrets: string[];
}

/**
 * The installed connectors. Loading never throws for one bad package: every failure becomes a
 * coded `PluginInvalidError` in `errors`, and the hub runs with the connectors that loaded.
 */
export class ConnectorRegistry {
  private readonly byId = new Map<string, LoadedConnector>();
  readonly errors: HubError[] = [];

  static discover(options: DiscoveryOptions): ConnectorRegistry {
    const registry = new ConnectorRegistry();
    const hubVersion = options.hubVersion ?? HUB_VERSION;
    for (const manifest of BUILTIN_CONNECTORS) registry.add(manifest, '@ihub/core', CORE_DIR, HUB_VERSION, true);
    const dirs: string[] = [];
    for (const root of options.roots ?? []) {
      if (!fs.existsSync(root)) continue;
      for (const entry of fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'package.json'))) dirs.push(path.join(root, entry.name));
      }
    }
    dirs.push(...(options.paths ?? []));
    for (const name of options.packages ?? []) {
      try {
        dirs.push(path.dirname(require.resolve(`${name}/package.json`, { paths: [options.resolveFrom ?? process.cwd()] })));
      } catch {
        registry.errors.push(new PluginInvalidError('IHUB_PLUGIN_NOT_FOUND', name, 'npm package not found; install it next to the hub'));
      }
    }
    // A package reached twice (in connectors/ and named in hub.yaml's plugins) is one package, not a duplicate.
    for (const dir of new Set(dirs.map(realDir))) registry.loadPackage(dir, hubVersion);
    return registry;
  }

  /** Registers a manifest directly (tests, embedded use). Throws the same coded errors discovery records. */
  register(manifest: AnyConnector, packageName = manifest?.id ?? '(unknown)', packageDir = '', hubVersion = HUB_VERSION): LoadedConnector {
    return this.add(manifest, packageName, packageDir, hubVersion, false);
  }

  private add(manifest: AnyConnector, packageName: string, packageDir: string, hubVersion: string, builtin: boolean): LoadedConnector {
    const problems = manifestProblems(manifest);
    if (problems.length > 0) throw new PluginInvalidError('IHUB_PLUGIN_INVALID', packageName, `invalid manifest: ${problems.join('; ')}`, { problems });
    if (!semver.satisfies(hubVersion, manifest.hub, { includePrerelease: true })) {
      throw new PluginInvalidError('IHUB_PLUGIN_VERSION_MISMATCH', packageName, `supports ihub ${manifest.hub}, this hub is ${hubVersion}`, { range: manifest.hub, hubVersion });
    }
    const existing = this.byId.get(manifest.id);
    if (existing) {
      throw new PluginInvalidError('IHUB_PLUGIN_DUPLICATE', packageName, `connector id '${manifest.id}' is already provided by ${existing.packageName} (${existing.packageDir})`, { id: manifest.id, other: existing.packageName });
    }
    const loaded: LoadedConnector = { manifest, packageName, packageDir, secrets: secretPaths(manifest.config), builtin };
    this.byId.set(manifest.id, loaded);
    return loaded;
  }

  get(id: string): LoadedConnector | undefined {
    return this.byId.get(id);
  }

  list(): LoadedConnector[] {
    return [...this.byId.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  }

  describe(): ConnectorDescription[] {
    return this.list().map(({ manifest, packageName, secrets }) => ({
      id: manifest.id,
      version: manifest.version,
      displayName: manifest.displayName,
      description: manifest.description,
      package: packageName,
      auth: manifest.auth,
      entities: Object.entries(manifest.entities).map(([name, entity]) => ({ name, changeTracking: entity.changeTracking, operations: entityOperations(entity) })),
      configSchema: toJsonSchema(manifest.config),
      secrets,
    }));
  }

  private loadPackage(dir: string, hubVersion: string): void {
    let name = dir;
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      name = pkg.name ?? dir;
      if (pkg.ihub?.type !== 'connector') {
        if (pkg.ihub !== undefined) throw new PluginInvalidError('IHUB_PLUGIN_INVALID', name, `package.json "ihub.type" must be "connector", got ${JSON.stringify(pkg.ihub?.type)}`);
        return;
      }
      const entry = path.resolve(dir, pkg.ihub.main ?? pkg.main ?? 'index.js');
      if (!fs.existsSync(entry)) throw new PluginInvalidError('IHUB_PLUGIN_INVALID', name, `entry point ${entry} does not exist (is the package built?)`);
      let mod: Record<string, unknown>;
      try {
        mod = require(entry);
      } catch (err) {
        // defineConnector already rejects a bad manifest at load time; keep its code, name the package.
        const code = err instanceof PluginInvalidError ? (err.code as 'IHUB_PLUGIN_INVALID') : 'IHUB_PLUGIN_INVALID';
        throw new PluginInvalidError(code, name, `failed to load: ${(err as Error).message}`);
      }
      const manifest = (mod.default ?? mod.connector ?? mod) as AnyConnector;
      this.register(manifest, name, dir, hubVersion);
    } catch (err) {
      this.errors.push(err instanceof HubError ? err : new PluginInvalidError('IHUB_PLUGIN_INVALID', name, (err as Error).message));
    }
  }
}

function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    // Missing: loading it reports the problem under the path as given.
    return dir;
  }
}

import path from 'node:path';
import { ConfigInvalidError } from '@ihub/plugin-kit';
import type { ConfigEnv } from './env-substitution';
import type { LoadedHubSettings } from './loaded-config.types';

/** Where the hub keeps its data and how its processes talk, after environment overrides. */
export interface RuntimeSettings {
  /** `sqlite:<absolute file>` or `mysql://…`. */
  database: string;
  /** Moleculer transporter URL, or null for the in-process transporter (a single process). */
  transporter: string | null;
}

const DATABASE_URL = /^(sqlite:.+|(mysql|mariadb):\/\/.+)$/;

/**
 * The database and transporter to run with. `IHUB_DATABASE` and `IHUB_TRANSPORTER` override
 * hub.yaml so that one config folder serves a laptop (SQLite, in-process) and production
 * (MySQL, NATS). Without either, the database is `data/ihub.sqlite` in the folder above
 * hub.yaml's — the project root for `config/hub.yaml`. A relative SQLite path is resolved against
 * hub.yaml's folder when it comes from hub.yaml, against the working directory when it comes
 * from the environment.
 */
export function resolveRuntimeSettings(hub: LoadedHubSettings, env: ConfigEnv = process.env, cwd = process.cwd()): RuntimeSettings {
  const hubDir = path.dirname(hub.file);
  const fromEnv = env.IHUB_DATABASE || undefined;
  if (fromEnv !== undefined && !DATABASE_URL.test(fromEnv)) {
    throw new ConfigInvalidError([{ path: 'IHUB_DATABASE', message: 'must be `sqlite:<file>` or `mysql://user:pass@host:port/db` (`mariadb://` also works)' }], 'environment');
  }
  const database = fromEnv
    ? absoluteSqlitePath(fromEnv, cwd)
    : hub.database
      ? absoluteSqlitePath(hub.database, hubDir)
      : `sqlite:${path.resolve(hubDir, '..', 'data', 'ihub.sqlite')}`;
  const transporter = env.IHUB_TRANSPORTER || hub.transporter || null;
  return { database, transporter };
}

function absoluteSqlitePath(url: string, base: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const file = url.slice('sqlite:'.length);
  // `:memory:` is SQLite's name for a database that lives only in this process.
  return file === ':memory:' ? url : `sqlite:${path.resolve(base, file)}`;
}

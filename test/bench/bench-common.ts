// Helpers shared by the bench scenarios (command-line options, throwaway MariaDB/MySQL databases, results).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

export const here = __dirname;
export const register = path.join(here, '../support/register-ts.js');

/** The value after `--name`, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Whether `--name` was given. */
export function hasArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** A new empty database on `server` (`mysql://user:pass@host:port`) and a function dropping it. */
export async function freshDatabase(server: URL): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ihub_bench_${randomBytes(4).toString('hex')}`;
  const admin = async () => createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) });
  const c = await admin();
  await c.query(`CREATE DATABASE \`${name}\``);
  await c.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => { const d = await admin(); await d.query(`DROP DATABASE \`${name}\``); await d.end(); } };
}

/** Writes `.bench/<scenario>.json` at the repository root. */
export function writeSummary(scenario: string, summary: unknown): void {
  fs.mkdirSync(path.resolve(here, '../../.bench'), { recursive: true });
  fs.writeFileSync(path.resolve(here, `../../.bench/${scenario}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}

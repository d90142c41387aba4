import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { HubRuntime } from '../../core/src/runtime/hub-runtime';
import { consoleLogger } from '../../core/src/runtime/console-logger';
import { createTestDatabase, TestDatabase } from './test-store';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CSV_CONNECTOR = path.join(REPO_ROOT, 'connectors/csv');
export const FIXTURE_PLUGINS = path.join(REPO_ROOT, 'test/fixtures/plugins');

export interface TestProjectSpec {
  hub?: Record<string, unknown>;
  integrations?: unknown[];
  flows?: unknown[];
  /** Plugin package folders besides the CSV connector. */
  plugins?: string[];
  tenants?: Array<{ code: string; name?: string; webhooks?: { allowPrivateTargets: string[] } }>;
  webhooks?: unknown[];
  /** More integration files, by file name: `{ tenant, integrations, flows }`. */
  files?: Record<string, Record<string, unknown>>;
}

/**
 * A throwaway ihub project in a temp folder (config/hub.yaml, config/integrations/test.yaml, a
 * `files/` folder for CSV integrations) on its own database of the current tier.
 */
export class TestProject {
  readonly root: string;
  readonly files: string;
  readonly configFile: string;
  private runtimes: HubRuntime[] = [];

  private constructor(readonly db: TestDatabase) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'ihub-project-'));
    this.files = path.join(this.root, 'files');
    this.configFile = path.join(this.root, 'config/hub.yaml');
    fs.mkdirSync(path.join(this.root, 'config/integrations'), { recursive: true });
    fs.mkdirSync(this.files);
  }

  static async create(spec: TestProjectSpec): Promise<TestProject> {
    const project = new TestProject(await createTestDatabase());
    project.write(spec);
    return project;
  }

  /** (Re)writes the config files. */
  write(spec: TestProjectSpec): void {
    const hub = { hub: { scheduler: { enabled: false }, api: { port: 0, host: '127.0.0.1' }, ...spec.hub, plugins: { paths: [CSV_CONNECTOR, ...(spec.plugins ?? [])] } } };
    fs.writeFileSync(this.configFile, stringify(spec.tenants ? { ...hub, tenants: spec.tenants } : hub));
    fs.writeFileSync(path.join(this.root, 'config/integrations/test.yaml'), stringify({ integrations: spec.integrations ?? [], flows: spec.flows ?? [], ...(spec.webhooks ? { webhooks: spec.webhooks } : {}) }));
    for (const [name, content] of Object.entries(spec.files ?? {})) fs.writeFileSync(path.join(this.root, 'config/integrations', name), stringify(content));
  }

  /** Environment a hub process of this project runs with. */
  get env(): Record<string, string> {
    return { ...(process.env as Record<string, string>), IHUB_DATABASE: this.db.url, IHUB_TRANSPORTER: '' };
  }

  async open(nodeId = 'test-node'): Promise<HubRuntime> {
    const runtime = await HubRuntime.open({ configFile: this.configFile, env: this.env, cwd: this.root, logger: consoleLogger('error'), nodeId });
    this.runtimes.push(runtime);
    return runtime;
  }

  file(name: string): string {
    return path.join(this.files, name);
  }

  async dispose(): Promise<void> {
    for (const r of this.runtimes) await r.close();
    await this.db.drop();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** A CSV integration on a file in the project's `files/` folder. */
export function csvIntegration(project: TestProject, name: string, file: string, key = 'id', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, connector: 'csv', settings: { folder: project.files, file, key, ...extra } };
}

export function writeCsv(file: string, header: string[], rows: Array<Array<string | number>>): void {
  fs.writeFileSync(file, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
}

/** Rows of a CSV file without quoting (tests keep their values free of commas and quotes). */
export function readCsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.filter(Boolean).map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v])));
}

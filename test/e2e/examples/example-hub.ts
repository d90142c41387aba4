import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { HubRuntime } from '../../../core/src/runtime/hub-runtime';
import { consoleLogger } from '../../../core/src/runtime/console-logger';
import type { RunOptions, RunResult } from '../../../core/src/sync/sync-engine';
import { exited, spawnCli } from '../../support/cli-process';
import { REPO_ROOT } from '../../support/test-hub';
import { createTestDatabase, integrationTier, type TestDatabase } from '../../support/test-store';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'config/examples');

/**
 * One of the example configs of config/examples, run as it is: the files are read from there and
 * only the environment points them at the fakes (and at a database of the test's tier), so an
 * example that stops working fails its test.
 */
export class ExampleHub {
  private runtime?: HubRuntime;
  private readonly children: ChildProcess[] = [];

  private constructor(
    readonly example: string,
    readonly db: TestDatabase,
    private readonly vars: Record<string, string>,
  ) {}

  /** `vars`: the variables the example's files name (`SNOW_URL`, …). */
  static async create(example: string, vars: Record<string, string>): Promise<ExampleHub> {
    return new ExampleHub(example, await createTestDatabase(), vars);
  }

  get configFile(): string {
    return path.join(EXAMPLES_DIR, this.example, 'hub.yaml');
  }

  /** The environment a hub process of the example runs with. */
  get env(): Record<string, string> {
    return { ...(process.env as Record<string, string>), ...this.vars, IHUB_DATABASE: this.db.url, IHUB_TRANSPORTER: integrationTier ? process.env.IHUB_TEST_TRANSPORTER! : '' };
  }

  /** The example's hub in this process (opened on first use): its store, engine and integrations. */
  async hub(): Promise<HubRuntime> {
    this.runtime ??= await HubRuntime.open({ configFile: this.configFile, env: this.env, cwd: REPO_ROOT, logger: consoleLogger('error'), nodeId: `test-${this.example}` });
    return this.runtime;
  }

  /** Runs a flow of the example in this process, both streams of a two-way flow. */
  async sync(flow: string, options: RunOptions = {}): Promise<RunResult[]> {
    const hub = await this.hub();
    return hub.engine.runFlow(hub.tenantId(), flow, options);
  }

  /** Runs the built `ihub` CLI on the example (`npx tsc -b` first); `dispose` kills it if it still runs. */
  cli(args: string[]): ReturnType<typeof spawnCli> {
    const child = spawnCli(['--config', this.configFile, ...args], this.env, REPO_ROOT);
    this.children.push(child);
    return child;
  }

  /** Runs the CLI to its end; its exit code and output. */
  async cliRun(args: string[]): Promise<{ code: number | null; output: string }> {
    const child = this.cli(args);
    const code = await exited(child);
    return { code, output: child.output() };
  }

  async dispose(): Promise<void> {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(this.children.map(exited));
    await this.runtime?.close();
    await this.db.drop();
  }
}

/** created/updated counts of each stream of a run, in stream order. */
export function writesOf(results: RunResult[]): Array<{ created: number; updated: number }> {
  return results.map((r) => ({ created: r.counts.created, updated: r.counts.updated }));
}

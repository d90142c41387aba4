import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { HubError } from '@ihub/plugin-kit';
import { HubRuntime } from '../runtime/hub-runtime';
import { consoleLogger, type LogLevel } from '../runtime/console-logger';

export interface GlobalOptions {
  config?: string;
  logLevel?: LogLevel;
}

/** hub.yaml to use: `--config`, then `IHUB_CONFIG`, then `config/hub.yaml` under the working directory. A folder means its hub.yaml. */
/** Who a CLI change is audited as: this process on this host. */
export const cliActor = (): string => `cli:${os.hostname()}:${process.pid}`;

export function configPath(options: GlobalOptions): string {
  const given = options.config ?? process.env.IHUB_CONFIG ?? 'config/hub.yaml';
  const resolved = path.resolve(given);
  return fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? path.join(resolved, 'hub.yaml') : resolved;
}

/** Opens the hub for a one-shot command, runs `fn`, and always closes it. */
export async function withRuntime<T>(options: GlobalOptions, fn: (runtime: HubRuntime) => Promise<T>, apply = true): Promise<T> {
  const runtime = await HubRuntime.open({
    configFile: configPath(options),
    logger: consoleLogger(options.logLevel ?? 'warn'),
    nodeId: `cli-${os.hostname()}-${process.pid}`,
    apply,
  });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Runs a command action, printing a HubError as `error CODE: message` and setting a non-zero exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (err) {
      const error = HubError.from(err);
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      process.exitCode = 1;
    }
  };
}

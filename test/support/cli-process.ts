import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './test-hub';

export const CLI = path.join(REPO_ROOT, 'core/dist/cli/main.js');

/** Starts the built `ihub` CLI as a child process (tests run after `npm run build`). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** Polls `check` every 10 ms until it holds or `timeoutMs` passes. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

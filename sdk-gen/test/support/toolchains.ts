import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SDK_GEN_ROOT = path.resolve(__dirname, '../..');
export const REPO_ROOT = path.resolve(SDK_GEN_ROOT, '..');

export interface Output {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, collecting its output; never rejects on a non-zero exit. */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command and returns its stdout; a non-zero exit throws with the command and everything it printed. */
export async function mustRun(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const out = await run(cmd, args, options);
  if (out.code !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')}… exited ${out.code}\n${out.stdout.slice(-6000)}\n${out.stderr.slice(-6000)}`);
  return out.stdout;
}

/**
 * A fresh folder under `sdk-gen/.tmp` (git-ignored): inside the repository, so generated
 * TypeScript finds the repository's `@types/node` and `typescript`.
 */
export function workDir(name: string): string {
  const base = path.join(SDK_GEN_ROOT, '.tmp');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${name}-`));
}

export function filesUnder(dir: string, ext: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f)).sort();
}

// One compiler invocation per language and batch: JVM and compiler start-up dominate the cost of small SDKs.

export const python = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => mustRun('python3', args, options);

export const tsc = (project: string) => mustRun(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', project]);

export const javac = (sources: string[], outDir: string) => mustRun('javac', ['--release', '11', '-encoding', 'UTF-8', '-nowarn', '-Xlint:none', '-d', outDir, ...sources]);

/** mcs as Debian's mono ships it: C# 7.x at most, System.Net.Http referenced explicitly. */
export const mcs = (sources: string[], out: string, target: 'library' | 'exe') => mustRun('mcs', [`-target:${target}`, '-r:System.Net.Http.dll', '-nowarn:1591', `-out:${out}`, ...sources]);

/** A tsconfig compiling `include` strictly into `outDir` (emitting, so the output can be run). */
export function writeTsconfig(file: string, include: string[], outDir: string): void {
  const config = {
    compilerOptions: { target: 'ES2022', module: 'commonjs', lib: ['ES2022'], types: ['node'], strict: true, skipLibCheck: true, noEmitOnError: true, outDir, rootDir: path.dirname(file) },
    include,
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
}

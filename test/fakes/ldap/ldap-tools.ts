import { spawn } from 'node:child_process';
import { parseLdif, type ReadEntry } from './ldif';

/**
 * The OpenLDAP command-line tools (ldap-utils), bound as the directory's root DN. The fixture
 * changes and reads the directory through them rather than through ldapts, so a bug in the
 * client library under test cannot hide itself in the fixture too.
 */
export class LdapTools {
  constructor(
    private readonly url: string,
    private readonly bindDN: string,
    private readonly password: string,
  ) {}

  /** Applies LDIF change records (`changetype: add|modify|modrdn|delete`). */
  async apply(ldif: string): Promise<void> {
    await run('ldapmodify', ['-x', '-H', this.url, '-D', this.bindDN, '-w', this.password], ldif);
  }

  /** Entries matching `filter` under `base`; an empty list when `base` does not exist. */
  async search(base: string, scope: 'base' | 'one' | 'sub', filter: string, attributes: string[] = []): Promise<ReadEntry[]> {
    const args = ['-LLL', '-o', 'ldif-wrap=no', '-x', '-H', this.url, '-D', this.bindDN, '-w', this.password, '-b', base, '-s', scope, filter, ...attributes];
    const { code, stdout, stderr } = await spawnTool('ldapsearch', args, '');
    // 32 noSuchObject: the base is not there, which to a caller reading one entry means "no entry".
    if (code === 32) return [];
    if (code !== 0) throw new Error(`ldapsearch ${base} ${filter} failed (${code}): ${stderr.trim()}`);
    return parseLdif(stdout);
  }
}

/** Runs a tool to completion, failing with its stderr when it exits non-zero. */
export async function run(command: string, args: string[], input: string): Promise<string> {
  const { code, stdout, stderr } = await spawnTool(command, args, input);
  if (code !== 0) throw new Error(`${command} failed (${code}): ${stderr.trim() || stdout.trim()}`);
  return stdout;
}

function spawnTool(command: string, args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    // A tool that does not read its input (ldapsearch) may exit first: the exit code tells what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

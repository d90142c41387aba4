import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';

const SLAPD = '/usr/sbin/slapd';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

// slapd in the background, a reader on our stdin pipe that kills it at EOF (when we stop it, or
// when this process dies and the pipe closes), and the shell waiting for slapd so that the
// shell's exit is slapd's.
const WATCHDOG = 'exec 3<&0; "$@" </dev/null >/dev/null 2>&1 & pid=$!; { read -r _ <&3; kill "$pid" 2>/dev/null; } & wait "$pid"';

/** A running slapd in the foreground (`-d 0`) under a watchdog that stops it with this process. */
export class SlapdProcess {
  private stopped?: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly tlsPort: number | undefined,
  ) {}

  /**
   * Starts slapd on free loopback ports, trying other ports when another process took them
   * first. `pidFile` is the one cn=config names: slapd writes it once its listeners are bound, so
   * a port that answers while it is missing belongs to someone else.
   */
  static async launch(configDir: string, pidFile: string, tls: boolean): Promise<SlapdProcess> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const tlsPort = tls ? await freePort() : undefined;
      const urls = [`ldap://127.0.0.1:${port}/`, ...(tlsPort ? [`ldaps://127.0.0.1:${tlsPort}/`] : [])].join(' ');
      const child = spawn('/bin/sh', ['-c', WATCHDOG, 'slapd-watchdog', SLAPD, '-d', '0', '-F', configDir, '-h', urls], { stdio: ['pipe', 'ignore', 'ignore'] });
      try {
        await waitUntilReady(port, pidFile, child);
        return new SlapdProcess(child, port, tlsPort);
      } catch (err) {
        child.stdin?.end();
        if (attempt >= 3) throw err;
      }
    }
  }

  /** Stops slapd (SIGTERM through the watchdog, SIGKILL if it hangs). Safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const { child } = this;
      const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return this.stopped;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(port: number, pidFile: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`slapd exited before listening on port ${port}`);
    if ((await exists(pidFile)) && (await accepts(port))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`slapd did not listen on port ${port} within ${READY_TIMEOUT_MS} ms`);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

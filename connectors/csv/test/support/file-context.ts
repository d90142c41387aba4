import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectorContext, ListPage } from '@ihub/plugin-kit';
import { configSchema, type CsvConfig } from '../../src/config';
import { fileEntity } from '../../src/entities/file-entity';

/** A logger that keeps what it was told, so tests can assert on warnings. */
export class RecordingLogger {
  readonly warnings: string[] = [];
  debug(): void {}
  info(): void {}
  warn(...args: unknown[]): void {
    this.warnings.push(args.join(' '));
  }
  error(): void {}
}

/** A temp folder per test, removed afterwards. */
export class TempFolder {
  path = '';

  async create(): Promise<void> {
    this.path = await fs.mkdtemp(path.join(os.tmpdir(), 'ihub-csv-'));
  }

  async remove(): Promise<void> {
    if (this.path) await fs.rm(this.path, { recursive: true, force: true });
  }

  file(name: string): string {
    return path.join(this.path, name);
  }

  async write(name: string, text: string): Promise<void> {
    await fs.writeFile(this.file(name), text);
  }

  async read(name: string): Promise<string> {
    return fs.readFile(this.file(name), 'utf8');
  }

  /** Context for an integration on `file` in this folder; `config` overrides the rest. */
  context(file: string, config: Partial<CsvConfig> = {}): ConnectorContext<CsvConfig, undefined> & { logger: RecordingLogger } {
    return {
      config: configSchema.parse({ folder: this.path, file, ...config }),
      client: undefined,
      logger: new RecordingLogger(),
      integration: { id: 'int-1', name: 'files', tenantId: 'tenant-1' },
      signal: new AbortController().signal,
    };
  }
}

/** Every page of one `list` run, from `cursor` until a page says there is no more. */
export async function listAll(ctx: ConnectorContext<CsvConfig>, pageSize: number, cursor: string | null = null): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  for (;;) {
    const page = await fileEntity.list!(ctx, { cursor, pageSize });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

/** Lets a rewritten file get a different mtime even on file systems with coarse timestamps. */
export async function touchLater(file: string): Promise<void> {
  const { mtime } = await fs.stat(file);
  const later = new Date(mtime.getTime() + 2000);
  await fs.utimes(file, later, later);
}

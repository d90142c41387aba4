import { randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HubError, UpstreamError } from '@ihub/plugin-kit';
import { RowFormatError, type DecodedRow, type FileLayout, type Row, type RowFormat, type RowPosition } from './formats';

/**
 * The only code of this connector that touches the file system, and the one place where file
 * system and format errors become the kit's errors.
 */

export interface FileStat {
  mtimeMs: number;
  size: number;
}

/** A file opened for reading. Everything read through it sees the file as it was when opened. */
export interface OpenFile {
  readonly stat: FileStat;
  /** What the file's first bytes say; null when it holds no header or row yet. */
  readonly layout: FileLayout | null;
  /** Rows from `from` (a row boundary) to the size the file had when opened, streamed. */
  rows(from: RowPosition): AsyncGenerator<DecodedRow>;
  close(): Promise<void>;
}

const CHUNK_BYTES = 64 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const TRANSIENT_CODES = new Set(['EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ENOSPC', 'ETIMEDOUT', 'EIO']);

/** Why the hub cannot use `folder`, or null when it is a folder it can read and write. */
export async function folderProblem(folder: string): Promise<string | null> {
  try {
    const stat = await fs.stat(folder);
    if (!stat.isDirectory()) return `'${folder}' is not a folder`;
    await fs.access(folder, constants.R_OK | constants.W_OK | constants.X_OK);
    return null;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT') return `folder '${folder}' does not exist`;
    if (code === 'EACCES' || code === 'EPERM') return `the hub may not read and write folder '${folder}'`;
    return `cannot use folder '${folder}': ${(err as Error).message}`;
  }
}

/** True when `file` exists (as anything: opening it says whether it is a usable file). */
export async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw translate(err, `stat ${file}`, file);
  }
}

/** Opens `file` for reading; a missing file is an error, never an empty one (that would delete every record). */
export async function openExistingFile(file: string, format: RowFormat): Promise<OpenFile> {
  const opened = await openFile(file, format);
  if (!opened) throw new UpstreamError(`file '${file}' does not exist`, { request: `read ${file}`, file }, { retryable: false });
  return opened;
}

/** Opens `file` for reading, or returns null when it does not exist. */
export async function openFile(file: string, format: RowFormat): Promise<OpenFile | null> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw translate(err, `read ${file}`, file);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UpstreamError(`'${file}' is not a regular file`, { request: `read ${file}`, file });
    const layout = stat.size === 0 ? null : await format.readLayout(byteStream(handle, 0, stat.size));
    return {
      stat: { mtimeMs: stat.mtimeMs, size: stat.size },
      layout,
      rows: (from) => readRows(handle, file, format, layout, stat.size, from),
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw translate(err, `read ${file}`, file);
  }
}

async function* readRows(handle: FileHandle, file: string, format: RowFormat, layout: FileLayout | null, size: number, from: RowPosition): AsyncGenerator<DecodedRow> {
  if (!layout || from.position >= size) return;
  // Reading up to the opened size keeps a pass consistent with the mtime/size it is named after.
  try {
    for await (const decoded of format.decode(byteStream(handle, from.position, size), layout, from.line)) {
      yield { ...decoded, next: { position: from.position + decoded.next.position, line: decoded.next.line } };
    }
  } catch (err) {
    throw translate(err, `read ${file}`, file);
  }
}

/**
 * The bytes of `handle` from `start` to `end`, by positional reads. Unlike `FileHandle.createReadStream`,
 * destroying it (as an early `break` does) leaves the handle open for the next read.
 */
function byteStream(handle: FileHandle, start: number, end: number): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let position = start; position < end; ) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, end - position));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Appends rows in one write and fsyncs them. `withHeader` when the file is new or empty. A last
 * line without its newline gets one first, or the first appended row would be glued to it.
 */
export async function appendRows(file: string, format: RowFormat, layout: FileLayout, withHeader: boolean, rows: Row[]): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(file, 'a+');
    const { size } = await handle.stat();
    if (size > 0 && !(await endsWithNewline(handle, size))) await handle.writeFile(layout.newline);
    await pipeline(Readable.from(rows), format.encoder(layout, withHeader), writeTo(handle));
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (size === 0) await syncFolder(path.dirname(file));
  } catch (err) {
    await handle?.close();
    throw translate(err, `append to ${file}`, file);
  }
}

/**
 * Replaces `file` with `rows` (typically a transformation of the file's own rows, streamed): writes
 * a temp file next to it, fsyncs it and renames it over the original, so a crash leaves either
 * the old file or the new one, never half of each.
 */
export async function rewriteFile(file: string, format: RowFormat, layout: FileLayout, rows: AsyncIterable<Row>): Promise<void> {
  const folder = path.dirname(file);
  const temp = path.join(folder, `.${path.basename(file)}.${randomUUID()}.tmp`);
  let handle: FileHandle | undefined;
  try {
    const original = await originalTraits(file);
    handle = await fs.open(temp, 'wx');
    if (original) await handle.chmod(original.mode);
    if (original?.bom) await handle.writeFile(UTF8_BOM);
    await pipeline(Readable.from(rows), format.encoder(layout, true), writeTo(handle));
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
    await syncFolder(folder);
  } catch (err) {
    await handle?.close();
    await fs.rm(temp, { force: true });
    throw translate(err, `rewrite ${file}`, file);
  }
}

/**
 * A pipeline sink writing to `handle` in chunks of about CHUNK_BYTES. (`FileHandle.createWriteStream`
 * with `autoClose: false` never signals the end to a pipeline, and the handle must stay open for fsync.)
 */
function writeTo(handle: FileHandle): (source: AsyncIterable<Buffer | string>) => Promise<void> {
  return async (source) => {
    let pending: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of source) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      pending.push(buffer);
      bytes += buffer.length;
      if (bytes >= CHUNK_BYTES) {
        await handle.writeFile(Buffer.concat(pending));
        pending = [];
        bytes = 0;
      }
    }
    if (bytes > 0) await handle.writeFile(Buffer.concat(pending));
  };
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/** What a rewrite keeps of the file it replaces: its mode, and a UTF-8 byte-order mark (spreadsheets read the file's encoding from it). */
async function originalTraits(file: string): Promise<{ mode: number; bom: boolean } | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const head = Buffer.alloc(UTF8_BOM.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { mode: (await handle.stat()).mode & 0o7777, bom: bytesRead === UTF8_BOM.length && head.equals(UTF8_BOM) };
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  } finally {
    await handle?.close();
  }
}

/** Makes a create or rename durable: the directory entry is only on disk once the folder is synced. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename itself is still atomic there.
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes(errnoCode(err) ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

function translate(err: unknown, request: string, file: string): HubError {
  if (err instanceof HubError) return err;
  if (err instanceof RowFormatError) return new UpstreamError(`${file}:${err.line}: ${err.message}`, { request, file, line: err.line });
  const code = errnoCode(err);
  const message = `cannot ${request}: ${err instanceof Error ? err.message : String(err)}`;
  return new UpstreamError(message, { request, file, ...(code ? { code } : {}) }, { retryable: code !== undefined && TRANSIENT_CODES.has(code), cause: err });
}

function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

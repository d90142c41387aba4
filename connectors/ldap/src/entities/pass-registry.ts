import type { ListPage } from '@ihub/plugin-kit';
import type { DirectoryPass } from './directory-pass';
import type { PassRef } from './list-cursor';

/** A pass nobody asked for a page for this long was abandoned (its run failed or was cancelled). */
const IDLE_MS = 10 * 60_000;

/** The passes of one integration that are between pages, by id. */
export class PassRegistry {
  private readonly passes = new Map<string, DirectoryPass>();

  constructor(private readonly idleMs = IDLE_MS) {}

  /** The pass a cursor points into, when this process has it at exactly that page; a pass the cursor left behind is closed. */
  async take(ref: PassRef): Promise<DirectoryPass | undefined> {
    await this.expire();
    const pass = this.passes.get(ref.id);
    if (!pass || pass.continues(ref)) return pass;
    // The hub asks for an earlier page than the pass stands at (a run failed after reading ahead): start again.
    this.passes.delete(ref.id);
    await pass.close();
    return undefined;
  }

  /** Serves the first page of a new pass, keeping the pass while it has more. */
  async start(pass: DirectoryPass, pageSize: number): Promise<ListPage> {
    await this.expire();
    this.passes.set(pass.id, pass);
    return this.serve(pass, pageSize);
  }

  async serve(pass: DirectoryPass, pageSize: number): Promise<ListPage> {
    try {
      const page = await pass.page(pageSize);
      if (!page.hasMore) this.passes.delete(pass.id);
      return page;
    } catch (err) {
      this.passes.delete(pass.id);
      throw err;
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.passes.values()];
    this.passes.clear();
    await Promise.all(all.map((p) => p.close()));
  }

  private async expire(): Promise<void> {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, pass] of this.passes) {
      if (pass.lastUsed >= cutoff) continue;
      this.passes.delete(id);
      await pass.close();
    }
  }
}

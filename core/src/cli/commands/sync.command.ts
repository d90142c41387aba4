import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { action, GlobalOptions, withRuntime } from '../cli-context';
import { table } from '../format';
import type { RunResult } from '../../sync/sync-engine';

/** `ihub sync <flow>`: run a flow now, in this process, with a progress bar and a summary table. */
export function syncCommand(program: Command): void {
  program
    .command('sync <flow>')
    .description('run a flow now and print a summary; exit 0 completed, 2 some records failed, 1 the run failed')
    .option('--full', 'ignore the saved cursor and read everything')
    .option('--dry-run', 'read and map, show what would change, write nothing')
    .option('--tenant <code>', 'tenant of the flow', 'default')
    .action(action(async (flow: string, opts: { full?: boolean; dryRun?: boolean; tenant: string }) => {
      const results: RunResult[] = await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const bar = process.stderr.isTTY ? new SingleBar({ format: '{stream} {bar} {value} read | {created} created, {updated} updated, {failed} failed', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : undefined;
        let started = false;
        const out = await runtime.engine.runFlow(runtime.tenantId(opts.tenant), flow, {
          full: opts.full,
          dryRun: opts.dryRun,
          onProgress: (p) => {
            if (!bar) return;
            const payload = { stream: `${p.integration}.${p.entity}`, created: p.counts.created, updated: p.counts.updated, failed: p.counts.failed };
            // Sources rarely know their total up front; the bar's total grows with what was read.
            if (!started) bar.start(Math.max(1, p.counts.processed), p.counts.processed, payload);
            started = true;
            bar.setTotal(Math.max(1, p.counts.processed));
            bar.update(p.counts.processed, payload);
            if (p.done) bar.stop();
          },
        });
        bar?.stop();
        return out;
      });
      process.stdout.write(`${opts.dryRun ? 'dry run — nothing was written\n' : ''}${table(['stream', 'status', 'read', 'created', 'updated', 'deleted', 'unchanged', 'failed', 'ms'], results.map((r) => [`${r.integration}.${r.entity}`, r.status, r.counts.processed, r.counts.created, r.counts.updated, r.counts.deleted, r.counts.unchanged, r.counts.failed, r.durationMs]))}\n`);
      for (const r of results) {
        if (r.error) process.stdout.write(`${r.integration}.${r.entity} failed: ${r.error.code}: ${r.error.message}\n`);
        for (const e of r.errors.slice(0, 20)) process.stdout.write(`  ${e.stage} ${e.integration} ${e.externalId ?? e.recordId ?? ''}: ${e.code} ${e.message}\n`);
        if (r.errors.length > 20) process.stdout.write(`  … ${r.errors.length - 20} more: ihub logs ${flow}\n`);
      }
      // 1: a stream failed; 2: every stream ran but some records failed (see `ihub logs`).
      if (results.some((r) => r.status === 'failed')) return 1;
      return results.some((r) => r.status === 'partial') ? 2 : 0;
    }));
}

import { Command } from 'commander';
import { verifyAuditChain } from '../../audit';
import { action, GlobalOptions, withRuntime } from '../cli-context';

/** `ihub audit verify`: recompute the audit chain and report the first broken link. */
export function auditCommand(program: Command): void {
  const audit = program.command('audit').description('inspect the tamper-evident audit log');

  audit
    .command('verify')
    .description('check every audit row against its hash and its predecessor; exit 1 if the chain is broken')
    .option('--batch-size <n>', 'rows read per query', '1000')
    .action(action(async (opts: { batchSize: string }) => {
      const verdict = await withRuntime(program.opts() as GlobalOptions, ({ store }) => verifyAuditChain(store, { batchSize: Math.max(1, Number(opts.batchSize) || 1000) }), false);
      if (verdict.ok) {
        process.stdout.write(`audit chain intact: ${verdict.checked} rows\n`);
        return 0;
      }
      const { seq, id, reason } = verdict.firstBroken!;
      process.stdout.write(`audit chain broken at seq ${seq} (${id}): ${reason}\n`);
      return 1;
    }));
}

// One measured hub run: `node -r register-ts sync-hub.ts <config> <records>`; prints a JSON line.
import { HubRuntime } from '../../core/src/runtime/hub-runtime';
import { consoleLogger } from '../../core/src/runtime/console-logger';

async function main(): Promise<void> {
  const [configFile, records] = process.argv.slice(2);
  const hub = await HubRuntime.open({ configFile, logger: consoleLogger('error'), nodeId: `bench-${process.pid}` });
  const started = process.hrtime.bigint();
  const [result] = await hub.engine.runFlow(hub.tenantId(), 'bench');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await hub.close();
  if (result.status !== 'completed' || result.counts.created !== Number(records)) throw new Error(`bench run did not complete: ${JSON.stringify(result)}`);
  process.stdout.write(`${JSON.stringify({ records: Number(records), ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

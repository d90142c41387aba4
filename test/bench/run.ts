// `npm run bench -- [--scenario sync|api|webhooks] [scenario options]`: runs every scenario, or the one named.
//   sync     (sync.scenario.ts):     --records N, --page-size N, --database mysql://user:pass@host:port
//   api      (api.scenario.ts):      --duration S, --connections N, --warmup S, --api-records N, --database mysql://…
//   webhooks (webhooks.scenario.ts): --rate N, --duration S, --burst N, --concurrency N, --database mysql://…
// Each scenario prints its table and summary line and writes `.bench/<scenario>.json`.
import { arg } from './bench-common';
import { syncScenario } from './sync.scenario';
import { apiScenario } from './api.scenario';
import { webhooksScenario } from './webhooks.scenario';

const scenarios: Record<string, () => Promise<void>> = { sync: syncScenario, api: apiScenario, webhooks: webhooksScenario };

async function main(): Promise<void> {
  const chosen = arg('scenario', '');
  if (chosen && !scenarios[chosen]) throw new Error(`unknown scenario '${chosen}': use ${Object.keys(scenarios).join(', ')}`);
  const names = chosen ? [chosen] : Object.keys(scenarios);
  for (const [i, name] of names.entries()) {
    if (i > 0) process.stdout.write('\n');
    await scenarios[name]();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

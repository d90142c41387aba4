/** The live-hub scenario against the generated Node SDK. Input: a JSON file (argv[2]); output: one JSON line. */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { IhubClient, NotFoundError, Webhook, WebhookVerificationError } from './src';

interface Given {
  baseUrl: string;
  apiKey: string;
  clientId: string;
  clientSecret: string;
  flowId: string;
  integrationName: string;
  csvFolder: string;
  webhook: { id: string; timestamp: string; body: string; signature: string; secret: string };
}

async function main(): Promise<void> {
  const given = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Given;
  const withKey = new IhubClient({ baseUrl: given.baseUrl, apiKey: given.apiKey, timeoutMs: 30_000 });
  const withOAuth = new IhubClient({ baseUrl: given.baseUrl, clientId: given.clientId, clientSecret: given.clientSecret, timeoutMs: 30_000 });

  const tenant = await withKey.tenants.getCurrentTenant();
  const created = await withKey.integrations.createIntegration({ name: given.integrationName, connector: 'csv', settings: { folder: given.csvFolder, file: `${given.integrationName}.csv` } });
  const started = await withOAuth.flows.startFlowRun(given.flowId, {});
  // Runs finish in the background; the next scenario's run must not find this one still going.
  let run = await withOAuth.runs.getRun(started.runId!);
  for (const deadline = Date.now() + 60_000; run.status === 'running' && Date.now() < deadline; run = await withOAuth.runs.getRun(started.runId!)) await new Promise((r) => setTimeout(r, 200));
  const runs = [];
  for await (const r of withOAuth.flows.listFlowRunsIter(given.flowId, { limit: 1 })) runs.push(r.id);
  const records = [];
  for await (const r of withOAuth.records.listRecordsIter({ limit: 2 })) records.push(r.id);
  let notFound: unknown = null;
  try {
    await withKey.runs.getRun(randomUUID());
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    notFound = { status: err.status, code: err.code, hasHeaders: 'content-type' in err.headers };
  }

  const hook = given.webhook;
  const verifier = new Webhook(hook.secret);
  const headers = { 'webhook-id': hook.id, 'webhook-timestamp': hook.timestamp, 'webhook-signature': hook.signature };
  const payload = verifier.verify(hook.body, headers) as { type: string };
  let tampered = 'accepted';
  try {
    verifier.verify(`${hook.body} `, headers);
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw err;
    tampered = 'rejected';
  }

  process.stdout.write(`${JSON.stringify({ tenant: tenant.code, integrationId: created.id, runId: started.runId, runStatus: run.status, runs: runs.length, records: records.length, notFound, webhook: { type: payload.type, tampered } })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

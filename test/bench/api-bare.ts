// The stack's limit in the `api` scenario: a moleculer-web ApiGateway with one alias,
// `GET /api/v1/records`, calling a trivial action that returns a fixed JSON body (the hub's own
// first page, read from <body.json>) — no authentication, no rate limit, no database. Same broker
// options as a hub node (createBroker). Forked with an IPC channel like api-hub.ts.
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ApiGateway from 'moleculer-web';
import type { Service } from 'moleculer';
import { createBroker } from '../../core/src/broker/create-broker';
import type { ChildMessage, ParentMessage } from './api-ipc';

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

async function main(): Promise<void> {
  const [bodyFile] = process.argv.slice(2);
  process.on('disconnect', () => process.exit(1));
  const body: unknown = JSON.parse(fs.readFileSync(bodyFile, 'utf8'));
  const broker = createBroker({ transporter: null, logLevel: 'error', nodeId: `bench-bare-${process.pid}` });
  broker.createService({ name: 'bare', actions: { records: { handler: () => body } } });
  const gateway = broker.createService({
    name: 'gateway',
    mixins: [ApiGateway],
    settings: {
      port: 0,
      ip: '127.0.0.1',
      routes: [{ path: '/api/v1', mappingPolicy: 'restrict', autoAliases: false, aliases: { 'GET records': 'bare.records' } }],
    },
  }) as Service & { server: Server };
  await broker.start();
  const { port } = gateway.server.address() as AddressInfo;
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop') return;
    void broker.stop().then(async () => {
      await send({ type: 'stopped', maxRssMb: process.resourceUsage().maxRSS / 1024 });
      process.exit(0);
    });
  });
  await send({ type: 'ready', url: `http://127.0.0.1:${port}`, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

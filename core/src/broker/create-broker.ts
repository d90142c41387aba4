import os from 'node:os';
import { ServiceBroker, BrokerOptions } from 'moleculer';

export interface BrokerSettings {
  /** `nats://host:4222` for a cluster; null for a single process (in-process transporter). */
  transporter: string | null;
  nodeId?: string;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  namespace?: string;
}

/**
 * The Moleculer broker every ihub process runs. Several processes on one NATS transporter (same
 * namespace) form one cluster: calls and balanced events spread across them.
 */
export function createBroker(settings: BrokerSettings): ServiceBroker {
  const options: BrokerOptions = {
    namespace: settings.namespace ?? 'ihub',
    nodeID: settings.nodeId ?? `${os.hostname()}-${process.pid}`,
    transporter: settings.transporter ?? undefined,
    logger: { type: 'Console', options: { level: settings.logLevel ?? 'info', formatter: 'short', colors: process.stdout.isTTY } },
    requestTimeout: 0,
    // A sync run's failure must reach the caller as it is, not be retried behind its back.
    retryPolicy: { enabled: false },
    registry: { strategy: 'RoundRobin', preferLocal: true },
    // Stopping waits for requests in flight (a sync run finishing its page) before services stop.
    tracking: { enabled: true, shutdownTimeout: 30_000 },
    heartbeatInterval: 5,
    heartbeatTimeout: 15,
    errorHandler(err) {
      throw err;
    },
  };
  return new ServiceBroker(options);
}

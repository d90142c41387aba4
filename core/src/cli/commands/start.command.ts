import { Command } from 'commander';
import { startHubNode } from '../../hub-node';
import { action, configPath, GlobalOptions } from '../cli-context';

/** `ihub start`: run a hub node until SIGINT/SIGTERM. */
export function startCommand(program: Command): void {
  program
    .command('start')
    .description('run a hub node: SQLite + in-process by default; IHUB_DATABASE / IHUB_TRANSPORTER (or hub.yaml) for MySQL + NATS')
    .option('--node-id <id>', 'node id in the cluster (default: host-pid)')
    .action(action(async (opts: { nodeId?: string }) => {
      const global = program.opts() as GlobalOptions;
      const node = await startHubNode({ configFile: configPath(global), nodeId: opts.nodeId, logLevel: global.logLevel ?? 'info' });
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          node.broker.logger.info(`${signal}: stopping`);
          node.stop().finally(resolve);
        };
        process.once('SIGINT', () => shutdown('SIGINT'));
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        // The daemon convention: SIGHUP re-reads the configuration without a restart.
        process.on('SIGHUP', () => {
          node.reload().catch((err: Error) => node.broker.logger.error(`config reload failed, keeping the running config: ${err.message}`));
        });
      });
      return 0;
    }));
}

#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { HUB_VERSION } from '../registry/hub-version';
import { apiKeyCommand } from './commands/api-key.command';
import { applyCommand } from './commands/apply.command';
import { auditCommand } from './commands/audit.command';
import { connectorsCommand } from './commands/connectors.command';
import { keysCommand } from './commands/keys.command';
import { logsCommand } from './commands/logs.command';
import { migrateCommand } from './commands/migrate.command';
import { openapiCommand } from './commands/openapi.command';
import { pluginCommand } from './commands/plugin.command';
import { sdkCommand } from './commands/sdk.command';
import { startCommand } from './commands/start.command';
import { statusCommand } from './commands/status.command';
import { syncCommand } from './commands/sync.command';
import { validateCommand } from './commands/validate.command';
import { webhooksCommand } from './commands/webhooks.command';

const program = new Command('ihub')
  .version(HUB_VERSION)
  .description('ihub — the integration hub')
  .option('-c, --config <file>', 'hub.yaml, or the folder holding it (default: $IHUB_CONFIG or config/hub.yaml)')
  .option('--log-level <level>', 'debug | info | warn | error');

for (const register of [startCommand, validateCommand, applyCommand, syncCommand, statusCommand, logsCommand, connectorsCommand, migrateCommand, openapiCommand, apiKeyCommand, pluginCommand, keysCommand, auditCommand, sdkCommand, webhooksCommand]) register(program);

program.parseAsync(process.argv);

import { Command } from 'commander';
import { apiRoutes } from '../../api/routes';
import { buildOpenApi } from '../../api/openapi/build-openapi';
import { TokenSigner } from '../../api/auth/tokens';
import { consoleLogger } from '../../runtime/console-logger';
import { action } from '../cli-context';

/** `ihub openapi > openapi.json`: the API's OpenAPI 3.1 document, the same one the hub serves. */
export function openapiCommand(program: Command): void {
  program
    .command('openapi')
    .description('print the OpenAPI 3.1 document of the REST API')
    .action(action(async () => {
      // The signer is only used to issue tokens at run time; the document does not depend on it.
      const routes = apiRoutes(TokenSigner.fromEnv({ IHUB_JWT_SECRET: 'openapi' }, consoleLogger('error')));
      process.stdout.write(`${JSON.stringify(buildOpenApi(routes), null, 2)}\n`);
    }));
}

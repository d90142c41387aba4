import type { ConnectorManifest } from '../connector/connector.types';
import { HubError } from '../errors';
import type { ConformanceOptions } from './conformance.types';
import { planConformance } from './plan-conformance';

/**
 * Registers the connector conformance suite with mocha, from a connector's own spec file:
 *
 * ```ts
 * describeConnectorConformance(manifest, { validConfig, invalidConfigs, secrets, entities });
 * ```
 *
 * One `it` per check, named for the behaviour; a skipped check shows its reason in its title.
 * Uses mocha's globals, so mocha (an optional peer dependency of the kit) must be running the file.
 */
export function describeConnectorConformance<Config, Client>(manifest: ConnectorManifest<Config, Client>, options: ConformanceOptions): void {
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new HubError('IHUB_CONFORMANCE_NO_MOCHA', 'describeConnectorConformance must be called from a spec file that mocha runs (npm install --save-dev mocha)', { fault: 'user' });
  }
  const plan = planConformance(manifest, options);
  describe(`connector '${manifest.id}' conformance`, () => {
    before(() => plan.setUp());
    after(() => plan.tearDown());
    for (const check of plan.checks) {
      if (check.skipReason !== undefined) it.skip(`${check.title} (skipped: ${check.skipReason})`);
      else it(check.title, () => check.run());
    }
  });
}

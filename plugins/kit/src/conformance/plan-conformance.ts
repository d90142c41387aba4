import type { ConnectorManifest } from '../connector/connector.types';
import { HubError } from '../errors';
import { checkInvalidConfig, checkValidConfig } from './checks/config.check';
import { checkConnectionFails, checkConnectionPasses } from './checks/connection.check';
import { checkIncremental, checkList } from './checks/list.check';
import { checkManifest } from './checks/manifest.check';
import { checkSecrets } from './checks/secrets.check';
import { checkIdempotentCreate, checkRoundTrip } from './checks/write.check';
import { canCreate } from './checks/writer';
import { resolveConfig } from './config-source';
import type { ConformanceCheck, ConformanceOptions, ConformancePlan, ConfigFixture } from './conformance.types';

function optionsError(manifest: ConnectorManifest<unknown, unknown>, message: string): HubError {
  return new HubError('IHUB_CONFORMANCE_OPTIONS_INVALID', `conformance options for connector '${manifest.id}': ${message}`, { fault: 'user' });
}

/**
 * The conformance suite of a connector as a list of checks, without mocha: what
 * `describeConnectorConformance` runs, and what a test can run to see a check fail. Throws
 * `IHUB_CONFORMANCE_OPTIONS_INVALID` for a skip without a reason, or naming no check, and for
 * expectations about an entity the manifest does not have.
 */
export function planConformance<Config, Client>(connector: ConnectorManifest<Config, Client>, options: ConformanceOptions): ConformancePlan {
  const manifest = connector as ConnectorManifest<unknown, unknown>;
  const entities = manifest.entities ?? {};
  const unknownEntities = Object.keys(options.entities ?? {}).filter((n) => !(n in entities));
  if (unknownEntities.length > 0) throw optionsError(manifest, `expectations for entities the manifest does not declare: ${unknownEntities.join(', ')}`);

  let fixture: ConfigFixture | undefined;
  const validConfig = (): unknown => {
    if (!fixture) throw optionsError(manifest, 'setUp() must run before the checks');
    return fixture.config;
  };

  const checks: Array<Omit<ConformanceCheck, 'skipReason'>> = [
    { name: 'manifest', title: 'declares a valid manifest: id, semver version, hub range and a catalog JSON Schema of its config', run: () => checkManifest(manifest) },
    { name: 'config', title: 'accepts the valid config', run: () => checkValidConfig(manifest, validConfig()) },
    ...(options.invalidConfigs.length > 0
      ? options.invalidConfigs.map((invalid) => ({ name: 'invalid-configs', title: `rejects an invalid config: ${invalid.reason}`, run: () => checkInvalidConfig(manifest, invalid) }))
      : [{ name: 'invalid-configs', title: 'rejects invalid configs', run: () => Promise.reject(optionsError(manifest, 'give at least one invalidConfigs entry')) }]),
    { name: 'secrets', title: 'marks every secret field of its config as secret, with no secret value in the JSON Schema', run: () => checkSecrets(manifest, options.secrets, validConfig()) },
    { name: 'check', title: 'passes the connection check with the valid config', run: () => checkConnectionPasses(manifest, validConfig()) },
  ];
  const { failingConfig } = options;
  if (failingConfig !== undefined) {
    checks.push({
      name: 'failing-check',
      title: 'fails the connection check with ok:false or a HubError for failingConfig',
      run: async () => {
        const failing = await resolveConfig(failingConfig);
        try {
          await checkConnectionFails(manifest, failing.config);
        } finally {
          await failing.cleanup?.();
        }
      },
    });
  }
  for (const [name, entity] of Object.entries(entities)) {
    const expected = options.entities?.[name] ?? {};
    if (entity.list) {
      checks.push(
        { name: `list:${name}`, title: `lists ${name} page by page to the end, with string ids, object data and a final cursor`, run: () => checkList(manifest, validConfig(), name, expected.list) },
        {
          name: `incremental:${name}`,
          title:
            entity.changeTracking === 'snapshot'
              ? `lists ${name} again from the final cursor as "nothing changed" or as a complete pass`
              : `lists ${name} again from the final cursor without repeating unchanged records`,
          run: () => checkIncremental(manifest, validConfig(), name, expected.list),
        },
      );
    }
    if (canCreate(entity)) {
      checks.push(
        { name: `round-trip:${name}`, title: `creates a ${name} record, updates it and reads the update back`, run: () => checkRoundTrip(manifest, validConfig(), name, expected.roundTrip) },
        {
          name: `idempotent-create:${name}`,
          title: `finds the ${name} record of a create retried with the same correlationId instead of duplicating it`,
          run: () => checkIdempotentCreate(manifest, validConfig(), name, expected.roundTrip),
        },
      );
    }
  }

  const skip = options.skip ?? {};
  const names = new Set(checks.map((c) => c.name));
  const unknownSkips = Object.keys(skip).filter((n) => !names.has(n));
  if (unknownSkips.length > 0) throw optionsError(manifest, `skip names no check: ${unknownSkips.join(', ')} (checks: ${[...names].join(', ')})`);
  const reasonless = Object.entries(skip).filter(([, reason]) => typeof reason !== 'string' || reason.trim() === '');
  if (reasonless.length > 0) throw optionsError(manifest, `every skip needs a reason: ${reasonless.map(([n]) => n).join(', ')}`);

  return {
    checks: checks.map((c) => ({ ...c, skipReason: skip[c.name] })),
    setUp: async () => {
      fixture = await resolveConfig(options.validConfig);
    },
    tearDown: async () => {
      await fixture?.cleanup?.();
      fixture = undefined;
    },
  };
}

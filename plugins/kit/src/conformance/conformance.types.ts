/** A connection config, or a factory that first sets up what the config points at (a fake server, a temp folder). */
export type ConfigSource = Record<string, unknown> | (() => Promise<ConfigFixture>);

export interface ConfigFixture {
  config: unknown;
  /** Undoes what the factory set up; called after the suite (or the check) that used the config. */
  cleanup?: () => Promise<void>;
}

/** What the suite may expect of one entity. */
export interface EntityExpectations {
  /** Listing expectations; every entity with `list` is listed, with these defaults when omitted. */
  list?: {
    /** The least number of records a full read must return. Default 1. */
    minRecords?: number;
    /** Page size asked for; small, so that paging is exercised. Default 2. */
    pageSize?: number;
    /** A source filter to pass to `list`. */
    filter?: string;
  };
  /** Data for the create/update checks; required for every entity that can create, unless those checks are skipped. */
  roundTrip?: {
    /** Data of the record the suite creates. */
    create: Record<string, unknown>;
    /** Changed fields the suite then writes to it. */
    update: Record<string, unknown>;
    /** Read the record back with `get` after the update and compare. Default true (when the entity has `get`). */
    readBack?: boolean;
  };
}

/** How a connector's author configures the conformance suite. */
export interface ConformanceOptions {
  /** A config the connection check passes with. */
  validConfig: ConfigSource;
  /** Configs the config schema must reject, each with why; at least one. */
  invalidConfigs: Array<{ config: unknown; reason: string }>;
  /** Dotted paths (`auth.password`) of every config field that must be marked with `secret()`. */
  secrets: string[];
  /** A config the schema accepts but the connection check must fail with (wrong password, unknown host). */
  failingConfig?: ConfigSource;
  /** Expectations per entity name of the manifest. */
  entities?: Record<string, EntityExpectations>;
  /**
   * Checks not to run, by check name, each with the reason shown in the test title:
   * `manifest`, `config`, `invalid-configs`, `secrets`, `check`, `failing-check`, and per entity
   * `list:<entity>`, `incremental:<entity>`, `round-trip:<entity>`, `idempotent-create:<entity>`.
   */
  skip?: Record<string, string>;
}

/** One check of the suite, runnable on its own. */
export interface ConformanceCheck {
  /** Stable name; the key to give in `skip`. */
  name: string;
  /** The behaviour checked, as the test title. */
  title: string;
  /** Set when the author skipped the check. */
  skipReason?: string;
  /** Resolves when the connector behaves; rejects with an AssertionError that says what it did instead. */
  run(): Promise<void>;
}

/** The suite as data: what `describeConnectorConformance` hands to mocha. */
export interface ConformancePlan {
  checks: ConformanceCheck[];
  /** Resolves `validConfig`; run before any check. */
  setUp(): Promise<void>;
  /** Cleans up what `setUp` set up. */
  tearDown(): Promise<void>;
}

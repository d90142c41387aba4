export { describeConnectorConformance } from './describe-connector-conformance';
export { planConformance } from './plan-conformance';
export { createTestContext, type TestContext, type TestContextOptions } from './test-context';
export type { ConfigFixture, ConfigSource, ConformanceCheck, ConformanceOptions, ConformancePlan, EntityExpectations } from './conformance.types';

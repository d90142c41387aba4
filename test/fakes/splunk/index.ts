/**
 * A wire-faithful fake of Splunk for tests and benchmarks: HTTP Event Collector and search export.
 *
 * Modelled on Splunk's documentation:
 * - Format events for HTTP Event Collector:
 *   https://help.splunk.com/splunk-enterprise/get-data-in/collect-http-event-data/format-events-for-http-event-collector
 * - HTTP Event Collector REST API endpoints:
 *   https://help.splunk.com/en/splunk-enterprise/get-data-in/collect-http-event-data/http-event-collector-rest-api-endpoints
 * - Troubleshoot HTTP Event Collector (status codes):
 *   https://help.splunk.com/en/splunk-enterprise/get-data-in/collect-http-event-data/troubleshoot-http-event-collector
 * - About HTTP Event Collector Indexer Acknowledgment:
 *   https://docs.splunk.com/Documentation/Splunk/9.3.0/Data/AboutHECIDXAck
 * - Creating searches using the REST API (search/jobs/export):
 *   https://help.splunk.com/en/splunk-enterprise/leverage-rest-apis/rest-api-tutorials/9.0/rest-api-tutorials/creating-searches-using-the-rest-api
 * - Time modifiers (earliest inclusive, latest exclusive):
 *   https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/time-format-variables-and-modifiers/time-modifiers
 */
export { startSplunkFake, DEFAULT_API_TOKEN, DEFAULT_HEC_TOKEN } from './splunk-fake.server';
export { HEC_CODES } from './hec-codes';
export type { FieldValue, HecErrorAnswer, HecTokenOptions, ReceivedEvent, RecordedRequest, SeedEvent, SplunkFake, SplunkFakeOptions, SplunkFaults } from './splunk-fake.types';

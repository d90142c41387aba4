export { hubEventsConnector } from './hub-events.connector';
export type { HubEventsConfig } from './hub-events.config';

import { Counter, Histogram, type Registry } from 'prom-client';

/** From a cache hit (5 ms) to a slow report or bulk call (10 s); beyond that is "too slow" anyway. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The route label of a request that matched no route (a 404 from the router). Raw paths must not
 * become labels, or every probe of a random URL would create a new time series.
 */
export const UNMATCHED_ROUTE = '(unmatched)';

export type ObserveRequest = (method: string, route: string, status: number | string, seconds: number) => void;

/** `ihub_http_requests_total` and `ihub_http_request_duration_seconds`, by method, route template and status. */
export function registerHttpMetrics(registry: Registry): ObserveRequest {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'ihub_http_requests_total', help: 'HTTP requests answered, by method, route template and status code.', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'ihub_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to sending its response, by method, route template and status code.',
    labelNames,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  return (method, route, status, seconds) => {
    // Upper-case so that `get` and `GET` do not split one series in two.
    const labels = { method: method.toUpperCase(), route, status: String(status) };
    requests.inc(labels);
    duration.observe(labels, seconds);
  };
}

import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { openStore } from '../../../src/store/data-source';
import { OutboxEvent, SyncFailure, SyncLog, type SyncStatus } from '../../../src/store/entities';
import { createMetrics, HTTP_DURATION_BUCKETS, recordSyncRun } from '../../../src/api/metrics';
import { useTestStore } from '../../../../test/support/test-store';
import { parseExposition, samplesOf, valueOf } from './prometheus-text';

const flowRoute = '/api/v1/flows/{id}';

describe('metrics', function () {
  this.timeout(30_000);
  const env = useTestStore();

  const scrape = async (metrics = createMetrics(env.store)) => parseExposition((await metrics.render()).body);

  it('counts HTTP requests and their durations by method, route template and status', async () => {
    const metrics = createMetrics(env.store);
    metrics.observeRequest('get', flowRoute, 200, 0.02);
    metrics.observeRequest('GET', flowRoute, 200, 0.04);
    metrics.observeRequest('POST', '/api/v1/flows', 201, 3);
    const samples = await scrape(metrics);

    const getFlow = { method: 'GET', route: flowRoute, status: '200' };
    assert.equal(valueOf(samples, 'ihub_http_requests_total', getFlow), 2);
    assert.equal(valueOf(samples, 'ihub_http_requests_total', { method: 'POST', route: '/api/v1/flows', status: '201' }), 1);
    assert.equal(samplesOf(samples, 'ihub_http_requests_total').length, 2, 'get and GET are one series');

    assert.equal(valueOf(samples, 'ihub_http_request_duration_seconds_count', getFlow), 2);
    assert.ok(Math.abs(valueOf(samples, 'ihub_http_request_duration_seconds_sum', getFlow) - 0.06) < 1e-9);
    const buckets = samplesOf(samples, 'ihub_http_request_duration_seconds_bucket', getFlow);
    assert.deepEqual(buckets.map((b) => b.labels.le), [...HTTP_DURATION_BUCKETS.map(String), '+Inf']);
    assert.equal(valueOf(samples, 'ihub_http_request_duration_seconds_bucket', { ...getFlow, le: '0.01' }), 0);
    assert.equal(valueOf(samples, 'ihub_http_request_duration_seconds_bucket', { ...getFlow, le: '0.025' }), 1);
    assert.equal(valueOf(samples, 'ihub_http_request_duration_seconds_bucket', { ...getFlow, le: '0.05' }), 2);
    assert.equal(valueOf(samples, 'ihub_http_request_duration_seconds_bucket', { method: 'POST', le: '2.5' }), 0);
    assert.equal(valueOf(samples, 'ihub_http_request_duration_seconds_bucket', { method: 'POST', le: '5' }), 1);
  });

  it('counts sync runs by flow and status, and the records they processed', async () => {
    const metrics = createMetrics(env.store);
    recordSyncRun(metrics, { flow: 'contacts', status: 'completed', processed: 120 });
    recordSyncRun(metrics, { flow: 'contacts', status: 'completed', processed: 0 });
    metrics.recordSyncRun({ flow: 'contacts', status: 'failed', processed: 3 });
    recordSyncRun(metrics, { flow: 'orders', status: 'partial', processed: 7 });
    const samples = await scrape(metrics);

    assert.equal(valueOf(samples, 'ihub_sync_runs_total', { flow: 'contacts', status: 'completed' }), 2);
    assert.equal(valueOf(samples, 'ihub_sync_runs_total', { flow: 'contacts', status: 'failed' }), 1);
    assert.equal(valueOf(samples, 'ihub_sync_runs_total', { flow: 'orders', status: 'partial' }), 1);
    assert.equal(valueOf(samples, 'ihub_records_processed_total', { flow: 'contacts' }), 123);
    assert.equal(valueOf(samples, 'ihub_records_processed_total', { flow: 'orders' }), 7);
  });

  it('reads the open failures, outbox events and running syncs from the env.store at scrape time', async () => {
    const metrics = createMetrics(env.store);
    const gauges = async () => {
      const samples = await scrape(metrics);
      return ['ihub_sync_failures_open', 'ihub_outbox_events', 'ihub_sync_runs_running'].map((name) => valueOf(samples, name));
    };
    assert.deepEqual(await gauges(), [0, 0, 0]);

    await insertFailures(env.store, 2);
    await insertEvents(env.store, 3);
    await insertSyncLogs(env.store, ['running', 'completed', 'running', 'failed']);
    assert.deepEqual(await gauges(), [2, 3, 2]);

    await env.store.getRepository(SyncLog).update({ status: 'running' }, { status: 'completed' });
    assert.deepEqual(await gauges(), [2, 3, 0]);
  });

  it('renders the Prometheus text format, with the process metrics prefixed ihub_', async () => {
    const metrics = createMetrics(env.store);
    metrics.observeRequest('GET', flowRoute, 404, 0.001);
    const { contentType, body } = await metrics.render();

    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    const types = new Map([...body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => [name, type]));
    assert.equal(types.get('ihub_http_requests_total'), 'counter');
    assert.equal(types.get('ihub_http_request_duration_seconds'), 'histogram');
    assert.equal(types.get('ihub_sync_runs_total'), 'counter');
    assert.equal(types.get('ihub_records_processed_total'), 'counter');
    assert.equal(types.get('ihub_sync_failures_open'), 'gauge');
    assert.equal(types.get('ihub_outbox_events'), 'gauge');
    assert.equal(types.get('ihub_sync_runs_running'), 'gauge');
    assert.equal(types.get('ihub_process_cpu_user_seconds_total'), 'counter');
    assert.ok([...types.keys()].every((name) => name.startsWith('ihub_')), 'every metric is prefixed ihub_');
    assert.match(body, /^ihub_http_requests_total\{method="GET",route="\/api\/v1\/flows\/\{id\}",status="404"\} 1$/m);
    assert.doesNotThrow(() => parseExposition(body));
  });

  it('keeps two hubs in one process apart: each has its own registry', async () => {
    const a = createMetrics(env.store);
    const b = createMetrics(env.store);
    a.observeRequest('GET', flowRoute, 200, 0.01);
    a.recordSyncRun({ flow: 'contacts', status: 'completed', processed: 5 });
    b.observeRequest('GET', flowRoute, 200, 0.01);

    const [samplesA, samplesB] = [await scrape(a), await scrape(b)];
    assert.equal(valueOf(samplesA, 'ihub_http_requests_total'), 1);
    assert.equal(valueOf(samplesB, 'ihub_http_requests_total'), 1);
    assert.equal(samplesOf(samplesB, 'ihub_sync_runs_total').length, 0);
    assert.ok(samplesOf(samplesB, 'ihub_process_cpu_user_seconds_total').length === 1, 'both have process metrics');
  });

  it('still renders when the env.store is closed, with the env.store gauges unknown (NaN)', async () => {
    const metrics = createMetrics(env.store);
    metrics.observeRequest('GET', flowRoute, 200, 0.01);
    await env.store.destroy();
    const samples = await scrape(metrics);
    assert.equal(valueOf(samples, 'ihub_http_requests_total'), 1);
    for (const name of ['ihub_sync_failures_open', 'ihub_outbox_events', 'ihub_sync_runs_running']) assert.ok(Number.isNaN(valueOf(samples, name)), name);
  });
});

let serial = 0;
const id = () => `00000000-0000-7000-8000-${String(++serial).padStart(12, '0')}`;

async function insertFailures(store: DataSource, count: number): Promise<void> {
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: id(), tenantId: 't', flowId: 'f', integrationId: 'i', stage: 'write' as const, itemKey: `r${i}`,
    code: 'IHUB_UPSTREAM', message: 'refused', attempts: 1, lastRunId: 'run', firstFailedAt: now, lastFailedAt: now,
  }));
  await store.getRepository(SyncFailure).insert(rows);
}

async function insertEvents(store: DataSource, count: number): Promise<void> {
  const rows = Array.from({ length: count }, () => ({ id: id(), tenantId: 't', type: 'record.created', subject: 'r', payload: {}, createdAt: new Date() }));
  await store.getRepository(OutboxEvent).insert(rows);
}

async function insertSyncLogs(store: DataSource, statuses: SyncStatus[]): Promise<void> {
  const rows = statuses.map((status) => ({
    id: id(), tenantId: 't', integrationId: 'i', flowId: 'f', flowName: 'contacts', entity: 'contact', syncType: 'incremental' as const,
    status, errorDetails: [], nodeId: 'node', startedAt: new Date(),
  }));
  await store.getRepository(SyncLog).insert(rows);
}

import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { HubError } from '@ihub/plugin-kit';
import { startSlapd, type SlapdServer } from '../../../test/fakes/ldap';
import { connector, listAll, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from './support/directory';

/** A loopback port nothing listens on: a directory server that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ldap connections: binds, failover, TLS and failures as coded errors', () => {
  let server: SlapdServer;
  let down: string;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({ tls: true, entries: [person('ou=people,dc=example,dc=com', 'ada')] });
    down = `ldap://127.0.0.1:${await closedPort()}`;
  });
  after(() => server?.stop());

  /** Lists users with `overrides`; resolves to the check's message when listing works. */
  const attempt = async (overrides: Record<string, unknown>): Promise<string> => {
    const { ctx, close } = await openContext(openLdapConfig(server, { timeoutMs: 5000, ...overrides }));
    try {
      const { records } = await listAll(ctx, 'user', null);
      assert.equal(records.length, 1);
      const check = await connector.check(ctx);
      assert.equal(check.ok, true, check.message);
      return check.message!;
    } finally {
      await close();
    }
  };

  it('fails on a wrong password with a non-retryable auth error, and the check says so', async () => {
    await assert.rejects(attempt({ password: 'wrong' }), (err: HubError) => {
      assert.equal(err.code, 'IHUB_UPSTREAM_AUTH');
      assert.equal(err.retryable, false);
      assert.equal(err.data.resultCode, 49);
      return true;
    });
    const { ctx, close } = await openContext(openLdapConfig(server, { password: 'wrong' }));
    try {
      const check = await connector.check(ctx);
      assert.equal(check.ok, false);
      assert.match(check.message!, /^IHUB_UPSTREAM_AUTH: bind to .* invalidCredentials \(49\)/);
    } finally {
      await close();
    }
  });

  it('fails with a retryable error when the server is down', async () => {
    await assert.rejects(attempt({ urls: [down] }), (err: HubError) => {
      assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
      assert.equal(err.retryable, true);
      assert.match(err.message, /ECONNREFUSED/);
      return true;
    });
  });

  it('fails over to the next server when the first is down', async () => {
    assert.match(await attempt({ urls: [down, server.url] }), new RegExp(`bound to ${server.url}`));
  });

  it('reports a missing base DN in the check', async () => {
    const { ctx, close } = await openContext(openLdapConfig(server, { baseDN: 'dc=nowhere,dc=com' }));
    try {
      const check = await connector.check(ctx);
      assert.equal(check.ok, false);
      assert.match(check.message!, /base DN 'dc=nowhere,dc=com' does not exist/);
    } finally {
      await close();
    }
  });

  it('connects over ldaps:// trusting the CA given as PEM', async () => {
    await attempt({ urls: [server.ldapsUrl], tls: { caCert: server.caCert } });
  });

  it('upgrades ldap:// with StartTLS trusting the CA given as PEM', async () => {
    await attempt({ tls: { startTLS: true, caCert: server.caCert } });
  });

  it('refuses a server whose certificate it cannot verify, over ldaps:// and StartTLS, with a non-retryable error pointing at tls.caCert', async () => {
    for (const overrides of [{ urls: [server.ldapsUrl] }, { tls: { startTLS: true } }]) {
      await assert.rejects(attempt(overrides), (err: HubError) => {
        assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
        assert.equal(err.retryable, false);
        assert.match(err.message, /TLS: .*tls\.caCert/);
        return true;
      });
    }
  });

  it('accepts that certificate when told not to verify (rejectUnauthorized: false)', async () => {
    await attempt({ urls: [server.ldapsUrl], tls: { rejectUnauthorized: false } });
  });
});

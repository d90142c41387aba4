import assert from 'node:assert/strict';
import { allowList, isForbiddenAddress, isValidAllowEntry } from '../../src/webhooks/private-address';

describe('webhook SSRF guard', () => {
  const none = allowList([]);

  it('refuses loopback, private, link-local, metadata and unique-local addresses by default', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      assert.equal(isForbiddenAddress(address, none), true, address);
    }
  });

  it('lets public addresses through', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) assert.equal(isForbiddenAddress(address, none), false, address);
  });

  it("allows exactly what the tenant's allow list names", () => {
    const allowed = allowList(['127.0.0.1', '10.0.0.0/8']);
    assert.equal(isForbiddenAddress('127.0.0.1', allowed), false);
    assert.equal(isForbiddenAddress('127.0.0.2', allowed), true);
    assert.equal(isForbiddenAddress('10.200.1.1', allowed), false);
    assert.equal(isForbiddenAddress('192.168.1.1', allowed), true);
  });

  it('takes IP addresses and CIDR ranges as allow entries, nothing else', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']) assert.equal(isValidAllowEntry(ok), true, ok);
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/8/1', '::/129', '']) assert.equal(isValidAllowEntry(bad), false, bad);
  });
});

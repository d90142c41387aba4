import assert from 'node:assert/strict';
import { HubError } from '@ihub/plugin-kit';
import { AlreadyExistsError, BusyError, InvalidCredentialsError, NoSuchObjectError, ObjectClassViolationError, TimeLimitExceededError, UnavailableError, UnwillingToPerformError } from 'ldapts';
import { translateLdapError } from '../src/transport-errors';

const errno = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('LDAP errors as kit errors', () => {
  it('makes invalid credentials (49) a non-retryable auth error', () => {
    const error = translateLdapError(new InvalidCredentialsError('bad password'), 'bind as cn=hub');
    assert.equal(error.code, 'IHUB_UPSTREAM_AUTH');
    assert.equal(error.retryable, false);
    assert.equal(error.data.resultCode, 49);
    assert.match(error.message, /bind as cn=hub: invalidCredentials \(49\): bad password/);
  });

  it('makes busy (51), unavailable (52) and unwillingToPerform (53) retryable', () => {
    for (const err of [new BusyError('busy'), new UnavailableError('shutting down'), new UnwillingToPerformError('later')]) {
      const error = translateLdapError(err, 'search');
      assert.equal(error.code, 'IHUB_UPSTREAM_ERROR');
      assert.equal(error.retryable, true, err.message);
    }
  });

  it('makes noSuchObject (32) a not-found error and entryAlreadyExists (68) a conflict', () => {
    assert.equal(translateLdapError(new NoSuchObjectError('x'), 'modify uid=a', 'uid=a').code, 'IHUB_NOT_FOUND');
    const conflict = translateLdapError(new AlreadyExistsError('x'), 'add uid=a', 'uid=a');
    assert.equal(conflict.code, 'IHUB_CONFLICT');
    assert.equal(conflict.retryable, false);
  });

  it('fails the record, not the run, for a schema violation of a write, but not of a read', () => {
    assert.equal(translateLdapError(new ObjectClassViolationError('sn required'), 'add uid=a', 'uid=a').code, 'IHUB_RECORD_INVALID');
    assert.equal(translateLdapError(new ObjectClassViolationError('?'), 'search').code, 'IHUB_UPSTREAM_ERROR');
  });

  it('makes timeouts (timeLimitExceeded, operation and connection timeouts) retryable timeouts', () => {
    for (const err of [new TimeLimitExceededError('x'), new Error('SearchRequest: Operation timed out'), new Error('Connection timeout')]) {
      const error = translateLdapError(err, 'search');
      assert.equal(error.code, 'IHUB_UPSTREAM_TIMEOUT', err.message);
      assert.equal(error.retryable, true);
    }
  });

  it('makes refused and reset connections retryable, and certificate failures not', () => {
    assert.equal(translateLdapError(errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'bind').retryable, true);
    assert.equal(translateLdapError(new Error('Connection closed before message response was received.'), 'search').retryable, true);
    const tls = translateLdapError(errno('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 'bind');
    assert.equal(tls.retryable, false);
    assert.match(tls.message, /tls\.caCert/);
  });

  it('keeps errors that are kit errors already', () => {
    const original = new HubError('IHUB_X', 'x');
    assert.equal(translateLdapError(original, 'search'), original);
  });
});

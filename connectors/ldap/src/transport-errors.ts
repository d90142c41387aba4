import { HubError, NotFoundError, RecordInvalidError, UpstreamAuthError, UpstreamError, UpstreamTimeoutError } from '@ihub/plugin-kit';

/** RFC 4511 result code names, for messages. */
const NAMES: Record<number, string> = {
  1: 'operationsError', 2: 'protocolError', 3: 'timeLimitExceeded', 4: 'sizeLimitExceeded', 7: 'authMethodNotSupported', 8: 'strongerAuthRequired',
  10: 'referral', 11: 'adminLimitExceeded', 12: 'unavailableCriticalExtension', 13: 'confidentialityRequired', 16: 'noSuchAttribute',
  17: 'undefinedAttributeType', 18: 'inappropriateMatching', 19: 'constraintViolation', 20: 'attributeOrValueExists', 21: 'invalidAttributeSyntax',
  32: 'noSuchObject', 34: 'invalidDNSyntax', 48: 'inappropriateAuthentication', 49: 'invalidCredentials', 50: 'insufficientAccessRights',
  51: 'busy', 52: 'unavailable', 53: 'unwillingToPerform', 54: 'loopDetect', 64: 'namingViolation', 65: 'objectClassViolation',
  66: 'notAllowedOnNonLeaf', 67: 'notAllowedOnRDN', 68: 'entryAlreadyExists', 69: 'objectClassModsProhibited', 80: 'other',
};

/** The credentials or the connection's security are wrong: nothing changes until the config does. */
const AUTH = new Set([7, 8, 13, 48, 49, 50]);
/** The server is overloaded, shutting down or refusing for now: the same request may succeed later. */
const TRANSIENT = new Set([51, 52, 53]);
/** A write the entry's schema or naming does not allow: that record must change, the others are fine. */
const RECORD = new Set([16, 17, 18, 19, 20, 21, 34, 64, 65, 66, 67, 69]);

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE/;

/**
 * The kit error for anything an LDAP call threw. `dn` is given for writes, whose schema
 * violations fail the record rather than the run. Result codes are kept as `data.resultCode`.
 */
export function translateLdapError(err: unknown, request: string, dn?: string): HubError {
  if (err instanceof HubError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'number') return fromResultCode(err, code, message, request, dn);

  const errno = typeof code === 'string' ? code : undefined;
  const data = { request, ...(errno ? { errno } : {}) };
  if (/timed out|Connection timeout|ETIMEDOUT/i.test(`${errno ?? ''} ${message}`)) return new UpstreamTimeoutError(`${request}: the directory did not answer in time (${message})`, data);
  if (errno && /CERT|SSL|TLS|SIGNATURE|ALTNAME|ISSUER/.test(errno)) {
    return new UpstreamError(`${request}: TLS: ${message}; trust the server's CA with tls.caCert`, data, { retryable: false, cause: err });
  }
  // Refused, reset or dropped connections: the server is down or restarting.
  const transient = UNREACHABLE.test(`${errno ?? ''} ${message}`) || /Socket error|Connection closed|not established/i.test(message);
  return new UpstreamError(`${request}: ${message}`, data, { retryable: transient, cause: err });
}

function fromResultCode(err: unknown, code: number, message: string, request: string, dn: string | undefined): HubError {
  const detail = message.replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').trim();
  const text = `${request}: ${NAMES[code] ?? 'result code'} (${code})${detail ? `: ${detail}` : ''}`;
  const data = { request, resultCode: code, ...(dn ? { dn } : {}) };
  if (AUTH.has(code)) return new UpstreamAuthError(text, data);
  if (code === 3) return new UpstreamTimeoutError(text, data);
  if (code === 4) {
    // Paged searches are meant to get past size limits; a server that still cuts one limits the bind DN's total.
    const hint = '; let the bind DN page through everything (OpenLDAP: olcLimits size.prtotal=unlimited for it)';
    return new UpstreamError(text + hint, data, { retryable: false, cause: err });
  }
  if (TRANSIENT.has(code)) return new UpstreamError(text, data, { retryable: true, cause: err });
  if (code === 32) {
    const notFound = new NotFoundError('LDAP entry', dn ?? request);
    Object.assign(notFound.data, data);
    return notFound;
  }
  // The hub decides what an existing entry means (a retried create looks first); to the write itself it is a conflict.
  if (code === 68) return new HubError('IHUB_CONFLICT', text, { fault: 'user', data, cause: err });
  if (dn !== undefined && RECORD.has(code)) return new RecordInvalidError(text, data);
  return new UpstreamError(text, data, { retryable: false, cause: err });
}

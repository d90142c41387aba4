/** What a redacted value is replaced with; the same marker `applyConfig` stores for secret fields. */
export const REDACTED = '***';

// Matched against the key lower-cased with `-`/`_` removed, so `api_key`, `X-Api-Key` and `apiKey`
// are one name. Erring towards redacting too much: an audit row is kept for years and cannot be
// edited without breaking the chain.
const CREDENTIAL_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'authorization', 'credential', 'cookie', 'signature', 'privatekey'];

/** True for keys named like a credential: password, secret, token, authorization, *key, … */
export function isCredentialKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[-_]/g, '');
  // `key`, `apiKey`, `clientKey`, `signingKey`: but not `keyId` or `keyPrefix`, which identify a key without revealing it.
  return name.endsWith('key') || CREDENTIAL_WORDS.some((w) => name.includes(w));
}

/**
 * A copy of `details` in plain JSON form with the value of every credential-like key, at any depth,
 * replaced by `***`. Audit entries must never carry secrets, whatever a caller passes in.
 */
export function redactAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  // The JSON round trip first: the row's hash is computed over exactly what the JSON column returns
  // (Dates as strings, no undefined, no functions).
  return redact(JSON.parse(JSON.stringify(details ?? {})) as unknown) as Record<string, unknown>;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = isCredentialKey(key) ? REDACTED : redact(inner);
  return out;
}

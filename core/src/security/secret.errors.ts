import { HubError } from '@ihub/plugin-kit';

// The secret box's coded errors. Messages name environment variables and key ids, never key
// material or plaintext: they end up in logs and on terminals.

export function secretKeyMissing(): HubError {
  return new HubError('IHUB_SECRET_KEY_MISSING', 'no encryption key is configured: create one with `ihub keys generate` and set it as IHUB_SECRET_KEY', { fault: 'user' });
}

export function secretKeyInvalid(variable: string): HubError {
  return new HubError('IHUB_SECRET_KEY_INVALID', `${variable} is not a 32-byte key: give it as base64 (44 characters) or hex (64 characters), e.g. from \`ihub keys generate\``, { fault: 'user', data: { variable } });
}

export function secretUnknownKey(keyId: string): HubError {
  return new HubError('IHUB_SECRET_UNKNOWN_KEY', `the secret was encrypted with key ${keyId}, which is not configured: add that key to IHUB_SECRET_KEYS_OLD (comma-separated)`, { fault: 'user', data: { keyId } });
}

export function secretDecryptFailed(reason: string, keyId?: string): HubError {
  return new HubError('IHUB_SECRET_DECRYPT_FAILED', `cannot decrypt the secret: ${reason}`, { fault: 'hub', data: keyId ? { keyId } : {} });
}

/** Broadcast when an API key or OAuth client is revoked: `{ keyId }` or `{ clientId }`; every gateway drops what it cached. */
export const CREDENTIALS_REVOKED_EVENT = 'hub.credentials-revoked';

/** Values of a config at dotted paths; what is stored encrypted for an integration. */
export type SecretValues = Record<string, unknown>;

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

/** Splits a connection config into what may be stored in clear (secrets as `***`) and the secret values. */
export function splitSecrets(config: Record<string, unknown>, paths: string[]): { redacted: Record<string, unknown>; secrets: SecretValues } {
  const redacted = structuredClone(config);
  const secrets: SecretValues = {};
  for (const path of paths) {
    const value = getPath(config, path);
    if (value === undefined) continue;
    secrets[path] = value;
    setPath(redacted, path, '***');
  }
  return { redacted, secrets };
}

/** The live connection config: the stored one with its secrets put back. */
export function mergeSecrets(redacted: Record<string, unknown>, secrets: SecretValues): Record<string, unknown> {
  const config = structuredClone(redacted);
  for (const [path, value] of Object.entries(secrets)) setPath(config, path, value);
  return config;
}

/** For an update: a secret sent back as `***` (as the API shows it) keeps its stored value. */
export function keepMaskedSecrets(update: Record<string, unknown>, previous: SecretValues, paths: string[]): Record<string, unknown> {
  const config = structuredClone(update);
  for (const path of paths) if (getPath(config, path) === '***' && previous[path] !== undefined) setPath(config, path, previous[path]);
  return config;
}

export { SecretBox } from './secret-box';
export { generateSecretKey, parseSecretKey, secretKeyId, SECRET_KEY_BYTES, type SecretKey } from './secret-key';
export { rotateIntegrationSecrets, type SecretRotationReport } from './rotate-secrets';
export { splitSecrets, mergeSecrets, keepMaskedSecrets, type SecretValues } from './split-secrets';

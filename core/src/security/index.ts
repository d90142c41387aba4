export { SecretBox } from './secret-box';
export { generateSecretKey, parseSecretKey, secretKeyId, SECRET_KEY_BYTES, type SecretKey } from './secret-key';
export { rotateIntegrationSecrets } from './rotate-secrets';
export { reencryptRows, type ReencryptPlan, type SecretRotationReport } from './reencrypt-rows';
export { splitSecrets, mergeSecrets, keepMaskedSecrets, type SecretValues } from './split-secrets';

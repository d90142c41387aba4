export { appendAudit, AUDIT_HEAD_ID, type AuditEntry } from './append-audit';
export { verifyAuditChain, type AuditChainBreak, type AuditChainVerdict } from './verify-audit-chain';
export { redactAuditDetails, isCredentialKey, REDACTED } from './redact-details';
export { auditHash, GENESIS_HASH } from './audit-hash';

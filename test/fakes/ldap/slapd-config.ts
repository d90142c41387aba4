import * as path from 'node:path';

export type SlapdDialect = 'openldap' | 'ad';

export interface SlapdLayout {
  /** Temp folder of this slapd: its cn=config, database and TLS files live in it. */
  dir: string;
  baseDN: string;
  rootDN: string;
  password: string;
  dialect: SlapdDialect;
  /** Load syncprov, which keeps the suffix's `contextCSN` (what replication and the connector read). */
  contextCSN: boolean;
  tls?: { certFile: string; keyFile: string; caFile: string };
  /** olcSizeLimit of the database (binds other than the root DN), e.g. `100`. */
  sizeLimit?: string;
  /** olcLimits of the database, e.g. `dn.exact="uid=hub,ou=people,dc=example,dc=com" size.prtotal=unlimited`. */
  limits?: string[];
  /** olcIdleTimeout: seconds after which slapd closes an idle connection. */
  idleTimeout?: number;
}

const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';
export const AD_SCHEMA_FILE = path.join(__dirname, 'ad-schema.ldif');

/** Where slapd writes its pid, once its listeners are bound. */
export const pidFile = (dir: string): string => path.join(dir, 'slapd.pid');

/** DN of the password policy that makes `pwdAccountLockedTime` lock an account (OpenLDAP dialect). */
export const policyDN = (baseDN: string): string => `cn=default,ou=policies,${baseDN}`;

/**
 * The cn=config of a throwaway slapd, as LDIF for `slapadd -n0`: one mdb database for the suffix,
 * no ACLs (anyone may read, the root DN may write), and the overlays the dialect needs.
 */
export function slapdConfigLdif(layout: SlapdLayout): string {
  const modules = ['back_mdb', ...(layout.contextCSN ? ['syncprov'] : []), ...(layout.dialect === 'openldap' ? ['ppolicy'] : [])];
  const schemas = ['core', 'cosine', 'inetorgperson'].map((s) => `include: file://${SCHEMA_DIR}/${s}.ldif`);
  if (layout.dialect === 'ad') schemas.push(`include: file://${AD_SCHEMA_FILE}`);
  const tls = layout.tls ? [`olcTLSCertificateFile: ${layout.tls.certFile}`, `olcTLSCertificateKeyFile: ${layout.tls.keyFile}`, `olcTLSCACertificateFile: ${layout.tls.caFile}`] : [];
  const database = 'olcDatabase={1}mdb,cn=config';
  const blocks = [
    ['dn: cn=config', 'objectClass: olcGlobal', 'cn: config', `olcPidFile: ${pidFile(layout.dir)}`, ...tls, ...(layout.idleTimeout ? [`olcIdleTimeout: ${layout.idleTimeout}`] : [])],
    ['dn: cn=module{0},cn=config', 'objectClass: olcModuleList', 'cn: module{0}', `olcModulePath: ${MODULE_DIR}`, ...modules.map((m) => `olcModuleLoad: ${m}`)],
    ['dn: cn=schema,cn=config', 'objectClass: olcSchemaConfig', 'cn: schema'],
    schemas,
    ['dn: olcDatabase={-1}frontend,cn=config', 'objectClass: olcDatabaseConfig', 'objectClass: olcFrontendConfig', 'olcDatabase: {-1}frontend'],
    ['dn: olcDatabase={0}config,cn=config', 'objectClass: olcDatabaseConfig', 'olcDatabase: {0}config'],
    [
      `dn: ${database}`,
      'objectClass: olcDatabaseConfig',
      'objectClass: olcMdbConfig',
      'olcDatabase: {1}mdb',
      `olcDbDirectory: ${path.join(layout.dir, 'db')}`,
      `olcSuffix: ${layout.baseDN}`,
      `olcRootDN: ${layout.rootDN}`,
      `olcRootPW: ${layout.password}`,
      // A test database is small and disposable: no fsync, a small map.
      'olcDbMaxSize: 67108864',
      'olcDbNoSync: TRUE',
      'olcDbIndex: objectClass eq',
      'olcDbIndex: entryUUID eq',
      'olcDbIndex: entryCSN eq',
      'olcDbIndex: member eq',
      ...(layout.sizeLimit ? [`olcSizeLimit: ${layout.sizeLimit}`] : []),
      ...(layout.limits ?? []).map((l, i) => `olcLimits: {${i}}${l}`),
    ],
  ];
  if (layout.contextCSN) blocks.push([`dn: olcOverlay=syncprov,${database}`, 'objectClass: olcOverlayConfig', 'objectClass: olcSyncProvConfig', 'olcOverlay: syncprov']);
  if (layout.dialect === 'openldap') {
    blocks.push([
      `dn: olcOverlay=ppolicy,${database}`,
      'objectClass: olcOverlayConfig',
      'objectClass: olcPPolicyConfig',
      'olcOverlay: ppolicy',
      `olcPPolicyDefault: ${policyDN(layout.baseDN)}`,
    ]);
  }
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}

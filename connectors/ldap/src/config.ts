import { secret, z } from '@ihub/plugin-kit';
import { templatePlaceholders } from './dn-template';
import { filterProblem } from './ldap-filter';

export type Dialect = 'openldap' | 'ad';

const ldapUrl = z
  .string()
  .regex(/^ldaps?:\/\/(\[[0-9a-f:.]+\]|[^\s/:?#[\]]+)(:\d{1,5})?\/?$/i, 'must be ldap://host[:port] or ldaps://host[:port], without a DN or query')
  .describe('`ldaps://` for TLS from the first byte (port 636 by default), `ldap://` for plain or StartTLS (port 389).');

const attributeName = z.string().regex(/^[a-zA-Z][\w-]*$|^\d+(\.\d+)+$/, 'must be an attribute name or OID');

const ldapFilter = z
  .string()
  .min(1)
  .superRefine((filter, ctx) => {
    const problem = filterProblem(filter);
    if (problem) ctx.addIssue({ code: 'custom', message: `not an LDAP filter: ${problem}` });
  });

const entityFields = {
  baseDN: z.string().min(1).optional().describe("Where the entries are searched (subtree) and created; default: the connection's baseDN."),
  filter: ldapFilter.optional().describe('Which entries of the subtree are records; the default depends on the dialect.'),
  objectClasses: z.array(z.string().min(1)).min(1).optional().describe('objectClass values of entries the hub creates, most specific last.'),
  dnTemplate: z.string().min(1).optional().describe('DN of entries the hub creates: `{attribute}` is the record\'s value, `{base}` the baseDN above.'),
  attributes: z.array(attributeName).min(1).optional().describe('Attributes read into each record (besides `dn`).'),
};

const usersSchema = z.strictObject(entityFields).default({});
const groupsSchema = z.strictObject({ ...entityFields, memberAttribute: attributeName.default('member').describe('Attribute holding member DNs.') }).default({ memberAttribute: 'member' });

/** Connection config of one directory, as an integration file declares it. */
const inputSchema = z.strictObject({
  urls: z.array(ldapUrl).min(1).describe('Directory servers, tried in order until one answers: list several domain controllers for failover.'),
  dialect: z.enum(['openldap', 'ad']).describe('`openldap` (and other RFC 4512 directories with entryUUID) or `ad` (Active Directory, AD LDS).'),
  bindDN: z.string().min(1).describe('DN (or, for AD, user@domain) the hub binds as with a simple bind.'),
  password: secret(z.string().min(1)).describe('Password of bindDN.'),
  baseDN: z.string().min(1).describe('Root of everything the hub reads and writes, e.g. `dc=example,dc=com`.'),
  tls: z
    .strictObject({
      startTLS: z.boolean().default(false).describe('Upgrade an ldap:// connection with StartTLS before binding.'),
      caCert: z
        .string()
        .includes('BEGIN CERTIFICATE', { message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)' })
        .optional()
        .describe("PEM of the CA(s) that signed the server's certificate; default: the system's trusted CAs."),
      rejectUnauthorized: z.boolean().default(true).describe('Refuse a server whose certificate does not verify. Turn off only for a test directory.'),
    })
    .default({ startTLS: false, rejectUnauthorized: true }),
  users: usersSchema,
  groups: groupsSchema,
  multiValued: z
    .array(attributeName)
    .default(['objectClass', 'member', 'memberOf', 'uniqueMember', 'memberUid', 'proxyAddresses'])
    .describe('Attributes always read as arrays; any other attribute is a string when it has one value and an array when it has several.'),
  binaryAttributes: z.array(attributeName).default([]).describe('Attributes read as base64 strings (photos, certificates, SIDs).'),
  pageSize: z.int().min(1).max(10_000).default(500).describe('Entries per LDAP page (simple paged results); AD serves at most 1000 (MaxPageSize).'),
  timeoutMs: z.int().min(1000).default(30_000).describe('Time limit of a connection attempt and of each LDAP operation.'),
  fullScanIntervalMinutes: z
    .number()
    .min(0)
    .default(1440)
    .describe('Longest time between complete passes; a complete pass is what finds deletions (and, for memberships, removals). 0: every pass is complete.'),
  maxDeleteShare: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Largest share (0–1) of the records of the last complete pass that one run may delete; a run that would delete more fails with IHUB_LDAP_DELETE_THRESHOLD.'),
  disable: z
    .strictObject({ attribute: attributeName, value: z.string().min(1) })
    .optional()
    .describe('OpenLDAP: the attribute value that marks a disabled account. Default: pwdAccountLockedTime 000001010000Z (ppolicy\'s permanent lock).'),
  ad: z
    .strictObject({
      serverStateDN: z.string().default('').describe("Entry holding highestCommittedUSN and dsServiceName: '' (the rootDSE) on Active Directory."),
      deletedObjectsDN: z.string().min(1).optional().describe('Container of tombstones; default: CN=Deleted Objects under the domain (the DC= part of baseDN).'),
    })
    .optional(),
});

type Input = z.output<typeof inputSchema>;

export interface EntityScope {
  baseDN: string;
  filter: string;
  objectClasses: string[];
  dnTemplate: string;
  attributes: string[];
}

/** The connection config with every dialect default filled in: what operations see as `ctx.config`. */
export interface LdapConfig extends Omit<Input, 'users' | 'groups' | 'disable' | 'ad'> {
  users: EntityScope;
  groups: EntityScope & { memberAttribute: string };
  /** OpenLDAP only. */
  disable: { attribute: string; value: string } | null;
  /** AD only. */
  ad: { serverStateDN: string; deletedObjectsDN: string } | null;
}

const DEFAULTS: Record<Dialect, { users: Omit<EntityScope, 'baseDN'>; groups: Omit<EntityScope, 'baseDN'> }> = {
  openldap: {
    users: { filter: '(objectClass=inetOrgPerson)', objectClasses: ['inetOrgPerson'], dnTemplate: 'uid={uid},{base}', attributes: ['uid', 'cn', 'sn', 'givenName', 'displayName', 'mail'] },
    groups: { filter: '(objectClass=groupOfNames)', objectClasses: ['groupOfNames'], dnTemplate: 'cn={cn},{base}', attributes: ['cn', 'description'] },
  },
  ad: {
    users: {
      filter: '(&(objectCategory=person)(objectClass=user))',
      objectClasses: ['top', 'person', 'organizationalPerson', 'user'],
      dnTemplate: 'CN={cn},{base}',
      attributes: ['sAMAccountName', 'userPrincipalName', 'cn', 'givenName', 'sn', 'displayName', 'mail'],
    },
    groups: { filter: '(objectClass=group)', objectClasses: ['top', 'group'], dnTemplate: 'CN={cn},{base}', attributes: ['cn', 'sAMAccountName', 'description'] },
  },
};

export const configSchema = inputSchema
  .superRefine((config, ctx) => {
    if (config.tls.startTLS && config.urls.some((u) => /^ldaps:/i.test(u))) {
      ctx.addIssue({ code: 'custom', path: ['tls', 'startTLS'], message: 'StartTLS upgrades ldap:// connections; an ldaps:// URL is encrypted already' });
    }
    if (config.dialect !== 'ad' && config.ad) ctx.addIssue({ code: 'custom', path: ['ad'], message: 'only applies to dialect ad' });
    if (config.dialect !== 'openldap' && config.disable) ctx.addIssue({ code: 'custom', path: ['disable'], message: 'only applies to dialect openldap (AD disables with userAccountControl)' });
    for (const kind of ['users', 'groups'] as const) {
      const template = config[kind].dnTemplate;
      const firstRdn = template?.split(/(?<!\\),/)[0] ?? '';
      // A template without a placeholder in its first RDN would name every new entry alike.
      if (template !== undefined && templatePlaceholders(firstRdn).filter((p) => p !== 'base').length === 0) {
        ctx.addIssue({ code: 'custom', path: [kind, 'dnTemplate'], message: 'the first RDN must hold an {attribute} placeholder, e.g. uid={uid},{base}' });
      }
    }
  })
  .transform((config): LdapConfig => {
    const defaults = DEFAULTS[config.dialect];
    const scope = (given: Input['users'], fallback: Omit<EntityScope, 'baseDN'>): EntityScope => ({
      baseDN: given.baseDN ?? config.baseDN,
      filter: given.filter ?? fallback.filter,
      objectClasses: given.objectClasses ?? fallback.objectClasses,
      dnTemplate: given.dnTemplate ?? fallback.dnTemplate,
      attributes: given.attributes ?? fallback.attributes,
    });
    return {
      ...config,
      users: scope(config.users, defaults.users),
      groups: { ...scope(config.groups, defaults.groups), memberAttribute: config.groups.memberAttribute },
      disable: config.dialect === 'openldap' ? (config.disable ?? { attribute: 'pwdAccountLockedTime', value: '000001010000Z' }) : null,
      ad: config.dialect === 'ad' ? { serverStateDN: config.ad?.serverStateDN ?? '', deletedObjectsDN: config.ad?.deletedObjectsDN ?? `CN=Deleted Objects,${domainOf(config.baseDN)}` } : null,
    };
  });

/** The domain naming context of a DN: its trailing DC= RDNs (`OU=x,DC=corp,DC=com` → `DC=corp,DC=com`). */
function domainOf(dn: string): string {
  const rdns = dn.split(/(?<!\\),/).map((r) => r.trim());
  const first = rdns.findIndex((_, i) => rdns.slice(i).every((x) => /^dc=/i.test(x)));
  return first < 0 ? dn : rdns.slice(first).join(',');
}

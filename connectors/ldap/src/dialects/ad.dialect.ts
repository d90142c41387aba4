import { UpstreamError } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import { normalizeDn } from '../dn-template';
import { generalizedTimeToIso } from '../generalized-time';
import { escapeFilterValue } from '../ldap-filter';
import { guidToBytes, guidToString } from '../object-guid';
import type { DirectoryEntry } from '../transport';
import { text, type DirectoryDialect, type MarkComparison } from './directory-dialect';

/** userAccountControl flags: ACCOUNTDISABLE, NORMAL_ACCOUNT. */
const ACCOUNTDISABLE = 0x2;
const NORMAL_ACCOUNT = 0x200;

/**
 * Active Directory: ids are `objectGUID` in AD's string form; changes are found by `uSNChanged`
 * against the DC's `highestCommittedUSN`, which only means something on the DC that counted it
 * (its `invocationId`); deletions leave tombstones (`isDeleted: TRUE`) under Deleted Objects.
 */
export const adDialect: DirectoryDialect = {
  name: 'ad',
  idAttribute: 'objectGUID',
  trackingAttributes: ['objectGUID', 'uSNChanged', 'whenChanged', 'isDeleted'],
  binaryAttributes: ['objectGUID'],
  liveFilter: '(!(isDeleted=TRUE))',

  idOf(entry) {
    const guid = entry.attributes.get('objectguid')?.[0];
    return Buffer.isBuffer(guid) ? guidToString(guid) : null;
  },

  idFilter(id) {
    const bytes = guidToBytes(id);
    return bytes ? `(objectGUID=${escapeFilterValue(bytes)})` : null;
  },

  updatedAt: (entry) => generalizedTimeToIso(text(entry, 'whenChanged')),
  stampOf: () => undefined,

  async readMark(connection, config) {
    const stateDN = config.ad?.serverStateDN ?? '';
    const where = stateDN === '' ? 'the rootDSE' : `'${stateDN}'`;
    const state = await connection.read(stateDN, ['highestCommittedUSN', 'dsServiceName']);
    const usn = state && text(state, 'highestCommittedUSN');
    const service = state && text(state, 'dsServiceName');
    if (!usn || !/^\d+$/.test(usn) || !service) {
      throw new UpstreamError(`${where} of ${connection.url} has no highestCommittedUSN and dsServiceName: is this Active Directory (dialect ad)?`, { request: `read ${where}` });
    }
    const dsa = await connection.read(service, ['invocationId'], ['invocationId']);
    const raw = dsa?.attributes.get('invocationid')?.[0];
    const invocationId = Buffer.isBuffer(raw) ? guidToString(raw) : null;
    if (!invocationId) throw new UpstreamError(`the DC's NTDS Settings '${service}' has no readable invocationId`, { request: `read ${service}` });
    return { usn, invocationId };
  },

  settleMark: (start) => start,

  compare(previous, current): MarkComparison {
    if (!('usn' in previous) || !current || !('usn' in current)) return { kind: 'full', reason: 'the cursor was written for another dialect' };
    // USNs are counted per DC database: another DC, or this one restored, counts differently.
    if (current.invocationId !== previous.invocationId) {
      return { kind: 'full', reason: `another domain controller answered, or it was restored (invocationId ${previous.invocationId} is now ${current.invocationId})` };
    }
    if (BigInt(current.usn) < BigInt(previous.usn)) return { kind: 'full', reason: `highestCommittedUSN went back from ${previous.usn} to ${current.usn} (a USN rollback)` };
    if (current.usn === previous.usn) return { kind: 'unchanged' };
    return { kind: 'changed', filter: `(uSNChanged>=${BigInt(previous.usn) + 1n})` };
  },

  tombstoneSearch(config: LdapConfig, objectClass, previous) {
    if (!config.ad || !('usn' in previous)) return null;
    return {
      base: config.ad.deletedObjectsDN,
      scope: 'one',
      filter: `(&(objectClass=${escapeFilterValue(objectClass)})(isDeleted=TRUE)(uSNChanged>=${BigInt(previous.usn) + 1n}))`,
      attributes: [...adDialect.trackingAttributes, 'objectClass', 'lastKnownParent'],
      binary: adDialect.binaryAttributes,
      showDeleted: true,
    };
  },

  wasIn(tombstone, scope) {
    // A tombstone keeps its classes, most specific last: a computer's ends in `computer`, not `user`.
    const classes = (tombstone.attributes.get('objectclass') ?? []).map(String);
    const wanted = scope.objectClasses[scope.objectClasses.length - 1];
    if (classes.length > 0 && classes[classes.length - 1].toLowerCase() !== wanted.toLowerCase()) return false;
    const parent = text(tombstone, 'lastKnownParent');
    const base = normalizeDn(scope.baseDN);
    return parent === undefined || normalizeDn(parent) === base || normalizeDn(parent).endsWith(`,${base}`);
  },

  accountAttributes: () => ['userAccountControl'],

  isDisabled: (entry) => (accountControl(entry) & ACCOUNTDISABLE) !== 0,

  disableChanges(entry, disabled) {
    const current = accountControl(entry);
    const next = disabled ? current | ACCOUNTDISABLE : current & ~ACCOUNTDISABLE;
    return next === current ? [] : [{ operation: 'replace', attribute: 'userAccountControl', values: [String(next)] }];
  },

  // AD will not enable an account that has no password, and the connector sets none: new users
  // are disabled unless the record says `disabled: false` (for a domain that allows it).
  newUserAttributes: (disabled) => ({ userAccountControl: [String(NORMAL_ACCOUNT | (disabled === false ? 0 : ACCOUNTDISABLE))] }),
};

/** userAccountControl of an entry; a normal account when the attribute is missing. */
function accountControl(entry: DirectoryEntry): number {
  const value = Number(text(entry, 'userAccountControl'));
  return Number.isInteger(value) ? value : NORMAL_ACCOUNT;
}


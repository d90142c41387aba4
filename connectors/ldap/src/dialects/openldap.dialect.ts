import type { LdapConfig } from '../config';
import { normalizeDn } from '../dn-template';
import { csnSecond, generalizedTimeToIso } from '../generalized-time';
import { text, type DirectoryDialect, type MarkComparison } from './directory-dialect';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * OpenLDAP: ids are `entryUUID`; changes are found by `modifyTimestamp`, with the suffix's
 * `contextCSN` (kept by the syncprov overlay) as the mark; deleted entries leave no trace, so
 * only a complete pass finds deletions.
 */
export const openLdapDialect: DirectoryDialect = {
  name: 'openldap',
  idAttribute: 'entryUUID',
  trackingAttributes: ['entryUUID', 'entryCSN', 'modifyTimestamp'],
  binaryAttributes: [],
  liveFilter: null,

  idOf(entry) {
    const id = text(entry, 'entryUUID');
    return id !== undefined && UUID.test(id) ? id.toLowerCase() : null;
  },

  idFilter(id) {
    return UUID.test(id) ? `(entryUUID=${id})` : null;
  },

  updatedAt: (entry) => generalizedTimeToIso(text(entry, 'modifyTimestamp')),
  stampOf: (entry) => text(entry, 'entryCSN'),

  async readMark(connection, config) {
    const root = await connection.read('', ['namingContexts']);
    const base = normalizeDn(config.baseDN);
    const contexts = (root?.attributes.get('namingcontexts') ?? []).map(String);
    // The database holding baseDN is the naming context baseDN ends with (the longest, for nested databases).
    const suffix = contexts.filter((c) => base === normalizeDn(c) || base.endsWith(`,${normalizeDn(c)}`)).sort((a, b) => b.length - a.length)[0] ?? config.baseDN;
    const csn = (await connection.read(suffix, ['contextCSN']))?.attributes.get('contextcsn')?.map(String) ?? [];
    return csn.length > 0 ? { csn: [...csn].sort() } : null;
  },

  settleMark(start, previous, newestStamp) {
    if (start) return start;
    return newestStamp ? { csn: [newestStamp] } : previous;
  },

  compare(previous, current): MarkComparison {
    if (!('csn' in previous)) return { kind: 'full', reason: 'the cursor was written for another dialect' };
    if (current && 'csn' in current && current.csn.join() === previous.csn.join()) return { kind: 'unchanged' };
    // With several providers, the oldest of their CSNs is the point up to which every change has arrived.
    const boundary = previous.csn[0];
    const second = csnSecond(boundary);
    if (!second) return { kind: 'full', reason: `'${boundary}' is not a CSN` };
    // modifyTimestamp has whole seconds, so >= re-includes the boundary second (no change made in
    // it is missed); the entryCSN condition then drops the entries the previous pass already had.
    return { kind: 'changed', filter: `(&(modifyTimestamp>=${second})(!(entryCSN<=${boundary})))` };
  },

  tombstoneSearch: () => null,
  wasIn: () => false,

  accountAttributes: (config) => (config.disable ? [config.disable.attribute] : []),

  isDisabled(entry, config) {
    if (!config.disable) return false;
    const values = entry.attributes.get(config.disable.attribute.toLowerCase()) ?? [];
    return values.some((v) => String(v) === config.disable!.value);
  },

  disableChanges(entry, disabled, config) {
    if (!config.disable || openLdapDialect.isDisabled(entry, config) === disabled) return [];
    return [{ operation: 'replace', attribute: config.disable.attribute, values: disabled ? [config.disable.value] : [] }];
  },

  newUserAttributes(disabled, config: LdapConfig) {
    return disabled === true && config.disable ? { [config.disable.attribute]: [config.disable.value] } : {};
  },
};

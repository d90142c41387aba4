import type { AdEmulator } from './ad-emulator';
import type { LdifEntry } from './ldif';
import { policyDN, type SlapdDialect } from './slapd-config';

/**
 * Everything slapadd loads before slapd starts: the suffix, `ou=people` and `ou=groups`, what the
 * dialect needs (a password policy; the AD server entries), and the caller's entries, which the
 * AD emulation stamps with GUIDs and USNs.
 */
export function seedEntries(baseDN: string, dialect: SlapdDialect, ad: AdEmulator | undefined, entries: LdifEntry[]): LdifEntry[] {
  const dc = /^dc=([^,]+)/i.exec(baseDN)?.[1];
  if (!dc) throw new Error(`startSlapd: baseDN must start with a dc= RDN, got '${baseDN}'`);
  const scaffolding: LdifEntry[] = [
    { dn: baseDN, attributes: { objectClass: ['dcObject', 'organization'], dc, o: dc } },
    { dn: `ou=people,${baseDN}`, attributes: { objectClass: 'organizationalUnit', ou: 'people' } },
    { dn: `ou=groups,${baseDN}`, attributes: { objectClass: 'organizationalUnit', ou: 'groups' } },
  ];
  if (dialect === 'openldap') {
    // pwdLockout makes ppolicy honour pwdAccountLockedTime, the connector's default disable flag.
    scaffolding.push(
      { dn: `ou=policies,${baseDN}`, attributes: { objectClass: 'organizationalUnit', ou: 'policies' } },
      { dn: policyDN(baseDN), attributes: { objectClass: ['organizationalRole', 'pwdPolicy'], cn: 'default', pwdAttribute: 'userPassword', pwdLockout: 'TRUE' } },
    );
  }
  if (!ad) return [...scaffolding, ...entries];
  const stamped = entries.map((e) => ({ dn: e.dn, attributes: ad.created(e.attributes).attributes }));
  return [...scaffolding, ...ad.scaffolding(), ...stamped, ad.serverState()];
}

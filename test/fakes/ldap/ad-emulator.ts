import { randomBytes } from 'node:crypto';
import type { LdifAttributes, LdifEntry } from './ldif';
import { valuesOf } from './ldif';

/**
 * Plays the part of an Active Directory domain controller that slapd cannot play: assigning each
 * new object its `objectGUID`, counting update sequence numbers (`uSNCreated`, `uSNChanged`,
 * `highestCommittedUSN`), stamping `whenCreated`/`whenChanged`, and owning an `invocationId`.
 *
 * Only writes made through the fixture (seeding, `add`, `modify`, `delete`…) get USNs. Writes a
 * test makes through the connector under test are invisible to USN-based change tracking, as
 * they would be on a DC that did not count them; tests that need a change seen use the fixture.
 *
 * Where AD keeps `highestCommittedUSN` and `dsServiceName` in the rootDSE, which slapd cannot
 * change at run time, the emulation keeps them in an ordinary entry (`serverStateDN`); the
 * connector's `ad.serverStateDN` setting points there.
 */
export class AdEmulator {
  /** The last USN handed out. */
  usn: bigint;
  invocationId: Buffer = randomBytes(16);

  constructor(
    readonly baseDN: string,
    firstUSN = 12000n,
  ) {
    this.usn = firstUSN;
  }

  get serverStateDN(): string {
    return `cn=ad-server-state,${this.baseDN}`;
  }

  get ntdsSettingsDN(): string {
    return `cn=NTDS Settings,cn=dc1,${this.baseDN}`;
  }

  get deletedObjectsDN(): string {
    return `cn=Deleted Objects,${this.baseDN}`;
  }

  /**
   * Attributes of a new object: the caller's, plus a random GUID (a given `objectGUID` Buffer is
   * kept; `objectGUID: []` leaves it out, for a malformed object), USNs and times.
   */
  created(attributes: LdifAttributes): { attributes: LdifAttributes; objectGUID?: Buffer } {
    const { objectGUID: given, ...rest } = attributes;
    const guid = given === undefined ? randomBytes(16) : (valuesOf(given)[0] as Buffer | undefined);
    const usn = this.next();
    const now = adTime();
    // First, so that the entry's classes still end with its most specific one, as AD lists them.
    const objectClass = ['adObject', ...valuesOf(rest.objectClass ?? [])];
    const stamped: LdifAttributes = { ...rest, objectClass, uSNCreated: usn, uSNChanged: usn, whenCreated: now, whenChanged: now };
    if (guid !== undefined) stamped.objectGUID = guid;
    return { attributes: stamped, objectGUID: guid };
  }

  /** The attributes a DC updates on every change of an object. */
  changed(): { uSNChanged: string; whenChanged: string } {
    return { uSNChanged: this.next(), whenChanged: adTime() };
  }

  /** The entries a DC has besides the objects: the rootDSE stand-in, its NTDS Settings and the Deleted Objects container. */
  scaffolding(): LdifEntry[] {
    return [
      { dn: `cn=dc1,${this.baseDN}`, attributes: { objectClass: 'organizationalRole', cn: 'dc1' } },
      { dn: this.ntdsSettingsDN, attributes: { objectClass: 'nTDSDSA', cn: 'NTDS Settings', invocationId: this.invocationId } },
      { dn: this.deletedObjectsDN, attributes: { objectClass: 'organizationalRole', cn: 'Deleted Objects' } },
    ];
  }

  /** The rootDSE stand-in as it must read now; seeded last, once every seeded object has its USN. */
  serverState(): LdifEntry {
    return { dn: this.serverStateDN, attributes: { objectClass: 'adServerState', cn: 'ad-server-state', highestCommittedUSN: this.usn.toString(), dsServiceName: this.ntdsSettingsDN } };
  }

  /** LDIF that publishes the current USN as `highestCommittedUSN`. */
  commitLdif(): string {
    return `dn: ${this.serverStateDN}\nchangetype: modify\nreplace: highestCommittedUSN\nhighestCommittedUSN: ${this.usn}\n-\n`;
  }

  private next(): string {
    this.usn += 1n;
    return this.usn.toString();
  }
}

/** AD's string form of a GUID (first three groups byte-reversed), as it appears in tombstone names. */
export function adGuidString(bytes: Buffer): string {
  const hex = (from: number, to: number, reverse: boolean): string => {
    const part = [...bytes.subarray(from, to)];
    return Buffer.from(reverse ? part.reverse() : part).toString('hex');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

/** Generalized time as AD writes it: `YYYYMMDDHHMMSS.0Z`. */
function adTime(date = new Date()): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}.0Z`;
}

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdEmulator, adGuidString } from './ad-emulator';
import { LdapTools, run } from './ldap-tools';
import { entryToLdif, escapeFilterValue, ldifLine, modifyLdif, records, type LdifAttributes, type LdifEntry, type LdifValue, type ReadEntry } from './ldif';
import { seedEntries } from './seed-entries';
import { pidFile, slapdConfigLdif, type SlapdDialect } from './slapd-config';
import { SlapdProcess } from './slapd-process';
import { makeTlsFiles, type TlsFiles } from './tls-files';

export interface StartSlapdOptions {
  /** `ad` adds the AD schema and emulation (GUIDs, USNs, tombstones, invocationId). Default `openldap`. */
  dialect?: SlapdDialect;
  /** Default `dc=example,dc=com`; must start with a `dc=` RDN. */
  baseDN?: string;
  /** Entries seeded with slapadd before slapd starts, parents first. `ou=people` and `ou=groups` exist already. */
  entries?: LdifEntry[];
  /** Keep `contextCSN` on the suffix (the syncprov overlay). Default true. */
  contextCSN?: boolean;
  /** Also listen on ldaps:// and accept StartTLS, with a certificate from a throwaway CA. */
  tls?: boolean;
  /** Size limit of binds other than the root DN (olcSizeLimit), to show what paging gets past and what it does not. */
  sizeLimit?: string;
  /** Limits of particular bind DNs (olcLimits values). */
  limits?: string[];
  /** Seconds after which slapd closes idle connections, as servers in front of directories do. */
  idleTimeout?: number;
}

/** Controls of the AD emulation; see AdEmulator. */
export interface AdControls {
  /** Where `highestCommittedUSN` and `dsServiceName` are (the rootDSE on a real DC). */
  serverStateDN: string;
  deletedObjectsDN: string;
  highestCommittedUSN(): bigint;
  /** The same directory answered by another DC: a new invocationId. */
  switchDC(): Promise<void>;
  /**
   * Sets the DC's USN counter and `highestCommittedUSN` to `usn`. Lower than now, with the
   * invocationId unchanged, is a DC restored from a snapshot behind AD's back: a USN rollback.
   */
  setUSN(usn: bigint): Promise<void>;
}

export type Changes = Record<string, LdifValue | LdifValue[] | null>;

export interface SlapdServer {
  url: string;
  /** Set with `tls: true`. */
  ldapsUrl?: string;
  /** The CA certificate (PEM) that signed the server's certificate, with `tls: true`. */
  caCert?: string;
  bindDN: string;
  password: string;
  baseDN: string;
  peopleDN: string;
  groupsDN: string;
  dialect: SlapdDialect;
  /** Adds an entry; with the AD dialect returns the objectGUID it was given. */
  add(dn: string, attributes: LdifAttributes): Promise<{ objectGUID?: Buffer }>;
  /** Replaces attributes; `null` removes one. */
  modify(dn: string, changes: Changes): Promise<void>;
  /** Several `modify`s in one ldapmodify run, so they happen milliseconds apart (in one second, as a rule). */
  modifyAll(list: Array<[dn: string, changes: Changes]>): Promise<void>;
  addValues(dn: string, attribute: string, values: string[]): Promise<void>;
  removeValues(dn: string, attribute: string, values: string[]): Promise<void>;
  /** Deletes an entry; with the AD dialect turns it into a tombstone, as a DC does. */
  delete(dn: string): Promise<void>;
  /** The entry with its user and operational attributes, or null. */
  read(dn: string): Promise<ReadEntry | null>;
  ad?: AdControls;
  /** Stops slapd and removes its files. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a private slapd on free loopback ports with its own cn=config and mdb database in a
 * temp folder, seeded with `entries`, bound by `bindDN`/`password` (the database's root DN).
 *
 * slapd runs in the foreground under a small shell watchdog that kills it when this process's
 * end of a pipe closes, so it stops with the test process even when that process is killed.
 */
export async function startSlapd(options: StartSlapdOptions = {}): Promise<SlapdServer> {
  const dialect = options.dialect ?? 'openldap';
  const baseDN = options.baseDN ?? 'dc=example,dc=com';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ihub-slapd-'));
  try {
    const rootDN = `cn=admin,${baseDN}`;
    const password = 'admin-secret';
    const contextCSN = options.contextCSN ?? true;
    const configDir = path.join(dir, 'config');
    await fs.mkdir(configDir);
    await fs.mkdir(path.join(dir, 'db'));
    const tls = options.tls ? await makeTlsFiles(dir) : undefined;
    await fs.writeFile(path.join(dir, 'config.ldif'), slapdConfigLdif({ dir, baseDN, rootDN, password, dialect, contextCSN, tls, sizeLimit: options.sizeLimit, limits: options.limits, idleTimeout: options.idleTimeout }));
    await run('slapadd', ['-n0', '-F', configDir, '-l', path.join(dir, 'config.ldif')], '');

    const ad = dialect === 'ad' ? new AdEmulator(baseDN) : undefined;
    const seed = seedEntries(baseDN, dialect, ad, options.entries ?? []);
    await fs.writeFile(path.join(dir, 'seed.ldif'), seed.map(entryToLdif).join('\n'));
    // -q skips checks a generated seed does not need; -w sets the suffix's contextCSN to the newest entryCSN.
    await run('slapadd', ['-q', ...(contextCSN ? ['-w'] : []), '-n1', '-F', configDir, '-l', path.join(dir, 'seed.ldif')], '');

    const slapd = await SlapdProcess.launch(configDir, pidFile(dir), Boolean(tls));
    return new Slapd(dir, slapd, { tls, baseDN, rootDN, password, dialect, ad });
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

interface SlapdState {
  tls?: TlsFiles;
  baseDN: string;
  rootDN: string;
  password: string;
  dialect: SlapdDialect;
  ad?: AdEmulator;
}

class Slapd implements SlapdServer {
  readonly url: string;
  readonly ldapsUrl?: string;
  readonly caCert?: string;
  readonly bindDN: string;
  readonly password: string;
  readonly baseDN: string;
  readonly peopleDN: string;
  readonly groupsDN: string;
  readonly dialect: SlapdDialect;
  readonly ad?: AdControls;
  private readonly tools: LdapTools;
  private readonly emulator?: AdEmulator;

  constructor(
    private readonly dir: string,
    private readonly slapd: SlapdProcess,
    state: SlapdState,
  ) {
    this.url = `ldap://127.0.0.1:${slapd.port}`;
    this.ldapsUrl = slapd.tlsPort ? `ldaps://127.0.0.1:${slapd.tlsPort}` : undefined;
    this.caCert = state.tls?.caPem;
    this.bindDN = state.rootDN;
    this.password = state.password;
    this.baseDN = state.baseDN;
    this.peopleDN = `ou=people,${state.baseDN}`;
    this.groupsDN = `ou=groups,${state.baseDN}`;
    this.dialect = state.dialect;
    this.tools = new LdapTools(this.url, this.bindDN, this.password);
    this.emulator = state.ad;
    const emulator = state.ad;
    if (emulator) {
      this.ad = {
        serverStateDN: emulator.serverStateDN,
        deletedObjectsDN: emulator.deletedObjectsDN,
        highestCommittedUSN: () => emulator.usn,
        switchDC: async () => {
          emulator.invocationId = Buffer.from(emulator.invocationId.map((b) => b ^ 0xff));
          await this.tools.apply(modifyLdif(emulator.ntdsSettingsDN, { invocationId: emulator.invocationId }));
        },
        setUSN: async (usn) => {
          emulator.usn = usn;
          await this.tools.apply(emulator.commitLdif());
        },
      };
    }
  }

  async add(dn: string, attributes: LdifAttributes): Promise<{ objectGUID?: Buffer }> {
    const stamped = this.emulator?.created(attributes);
    await this.tools.apply(records(entryToLdif({ dn, attributes: { changetype: 'add', ...(stamped?.attributes ?? attributes) } }), this.commit()));
    return { objectGUID: stamped?.objectGUID };
  }

  async modify(dn: string, changes: Changes): Promise<void> {
    await this.modifyAll([[dn, changes]]);
  }

  async modifyAll(list: Array<[dn: string, changes: Changes]>): Promise<void> {
    await this.tools.apply(records(...list.map(([dn, changes]) => modifyLdif(dn, { ...changes, ...this.emulator?.changed() })), this.commit()));
  }

  async addValues(dn: string, attribute: string, values: string[]): Promise<void> {
    await this.changeValues(dn, 'add', attribute, values);
  }

  async removeValues(dn: string, attribute: string, values: string[]): Promise<void> {
    await this.changeValues(dn, 'delete', attribute, values);
  }

  async delete(dn: string): Promise<void> {
    if (!this.emulator) return this.tools.apply(`${ldifLine('dn', dn)}\nchangetype: delete\n`);
    await this.tombstone(dn, this.emulator);
  }

  async read(dn: string): Promise<ReadEntry | null> {
    const [entry] = await this.tools.search(dn, 'base', '(objectClass=*)', ['*', '+']);
    return entry ?? null;
  }

  async stop(): Promise<void> {
    await this.slapd.stop();
    await fs.rm(this.dir, { recursive: true, force: true });
  }

  private async changeValues(dn: string, op: 'add' | 'delete', attribute: string, values: string[]): Promise<void> {
    const stamp = this.emulator ? Object.entries(this.emulator.changed()).map(([k, v]) => `replace: ${k}\n${k}: ${v}\n-\n`).join('') : '';
    const body = `${op}: ${attribute}\n${values.map((v) => ldifLine(attribute, v)).join('\n')}\n-\n`;
    await this.tools.apply(records(`${ldifLine('dn', dn)}\nchangetype: modify\n${body}${stamp}`, this.commit()));
  }

  /**
   * What a DC does on delete: unlinks the object from the groups it belongs to (each a change),
   * renames it to `<cn>\0ADEL:<guid>` under Deleted Objects and marks it `isDeleted: TRUE` with its `lastKnownParent`.
   */
  private async tombstone(dn: string, emulator: AdEmulator): Promise<void> {
    const entry = await this.read(dn);
    if (!entry) throw new Error(`no entry ${dn} to delete`);
    for (const group of await this.tools.search(this.baseDN, 'sub', `(member=${escapeFilterValue(dn)})`, ['1.1'])) await this.removeValues(group.dn, 'member', [dn]);
    const guid = attribute(entry, 'objectGUID');
    const cn = attribute(entry, 'cn')?.toString('utf8') ?? 'object';
    const rdn = `cn=${cn.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)}\\0ADEL:${guid ? adGuidString(guid) : 'no-guid'}`;
    const changed = emulator.changed();
    const rename = `${ldifLine('dn', dn)}\nchangetype: modrdn\n${ldifLine('newrdn', rdn)}\ndeleteoldrdn: 1\nnewsuperior: ${emulator.deletedObjectsDN}\n`;
    const parent = dn.slice(dn.search(/(?<!\\),/) + 1);
    await this.tools.apply(records(rename, modifyLdif(`${rdn},${emulator.deletedObjectsDN}`, { isDeleted: 'TRUE', lastKnownParent: parent, ...changed }), this.commit()));
  }

  private commit(): string {
    return this.emulator ? this.emulator.commitLdif() : '';
  }
}

function attribute(entry: ReadEntry, name: string): Buffer | undefined {
  const key = Object.keys(entry.attributes).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? entry.attributes[key][0] : undefined;
}

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { run } from './ldap-tools';

export interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** The CA certificate, PEM: what a client must trust to verify the server. */
  caPem: string;
}

/**
 * A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost, made with the
 * openssl tool. EC keys, because RSA key generation takes seconds on a busy machine.
 */
export async function makeTlsFiles(dir: string): Promise<TlsFiles> {
  const file = (name: string): string => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=ihub test CA'], '');
  await run('openssl', ['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1'], '');
  await fs.writeFile(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('server.ext')], '');
  return { caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key'), caPem: await fs.readFile(file('ca.pem'), 'utf8') };
}

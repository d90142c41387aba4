import assert from 'node:assert/strict';
import { configSchema } from '../src/config';

const openldap = { urls: ['ldap://ldap.example.com'], dialect: 'openldap', bindDN: 'cn=hub,dc=example,dc=com', password: 'pw', baseDN: 'dc=example,dc=com' };
const ad = { urls: ['ldaps://dc1.corp.example.com'], dialect: 'ad', bindDN: 'svc-ihub@corp.example.com', password: 'pw', baseDN: 'OU=Staff,DC=corp,DC=example,DC=com' };

describe('ldap connection config', () => {
  it('fills in the OpenLDAP defaults: inetOrgPerson users, groupOfNames groups, uid/cn DN templates and the ppolicy lock', () => {
    const config = configSchema.parse(openldap);
    assert.deepEqual(config.users, { baseDN: 'dc=example,dc=com', filter: '(objectClass=inetOrgPerson)', objectClasses: ['inetOrgPerson'], dnTemplate: 'uid={uid},{base}', attributes: ['uid', 'cn', 'sn', 'givenName', 'displayName', 'mail'] });
    assert.equal(config.groups.filter, '(objectClass=groupOfNames)');
    assert.equal(config.groups.memberAttribute, 'member');
    assert.deepEqual(config.disable, { attribute: 'pwdAccountLockedTime', value: '000001010000Z' });
    assert.equal(config.ad, null);
    assert.deepEqual(config.tls, { startTLS: false, rejectUnauthorized: true });
  });

  it('fills in the AD defaults, with the rootDSE and the domain\'s Deleted Objects container', () => {
    const config = configSchema.parse(ad);
    assert.equal(config.users.filter, '(&(objectCategory=person)(objectClass=user))');
    assert.deepEqual(config.users.objectClasses, ['top', 'person', 'organizationalPerson', 'user']);
    assert.equal(config.users.dnTemplate, 'CN={cn},{base}');
    assert.deepEqual(config.ad, { serverStateDN: '', deletedObjectsDN: 'CN=Deleted Objects,DC=corp,DC=example,DC=com' });
    assert.equal(config.disable, null);
  });

  it('keeps what the config sets over the dialect defaults', () => {
    const config = configSchema.parse({ ...openldap, users: { baseDN: 'ou=staff,dc=example,dc=com', filter: '(objectClass=person)', attributes: ['uid'] }, disable: { attribute: 'nsAccountLock', value: 'TRUE' } });
    assert.equal(config.users.baseDN, 'ou=staff,dc=example,dc=com');
    assert.equal(config.users.filter, '(objectClass=person)');
    assert.deepEqual(config.users.attributes, ['uid']);
    assert.equal(config.users.dnTemplate, 'uid={uid},{base}');
    assert.deepEqual(config.disable, { attribute: 'nsAccountLock', value: 'TRUE' });
  });

  it('reports every problem of a config at once, each with its path', () => {
    const result = configSchema.safeParse({ ...openldap, urls: ['ldaps://x'], tls: { startTLS: true }, groups: { filter: '(cn=a' }, users: { dnTemplate: '{base}' } });
    assert.equal(result.success, false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['groups.filter', 'tls.startTLS', 'users.dnTemplate']);
  });

  it('accepts a DN template whose first RDN holds a placeholder next to an escaped comma', () => {
    assert.equal(configSchema.safeParse({ ...ad, users: { dnTemplate: 'CN={cn}\\, ext,OU=People,{base}' } }).success, true);
  });
});

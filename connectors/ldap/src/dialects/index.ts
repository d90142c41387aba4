import type { Dialect } from '../config';
import { adDialect } from './ad.dialect';
import type { DirectoryDialect } from './directory-dialect';
import { openLdapDialect } from './openldap.dialect';

export type { ChangeMark, DirectoryDialect } from './directory-dialect';

const DIALECTS: Record<Dialect, DirectoryDialect> = { openldap: openLdapDialect, ad: adDialect };

export function dialectOf(dialect: Dialect): DirectoryDialect {
  return DIALECTS[dialect];
}

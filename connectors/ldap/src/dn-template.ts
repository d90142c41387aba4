import { RecordInvalidError } from '@ihub/plugin-kit';

/** RFC 4514 escaping of an attribute value inside a DN. */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ')
    .replace(/\0/g, '\\00');
}

/** The placeholders of a DN template: `uid={uid},{base}` → `['uid', 'base']`. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
}

/**
 * The DN of a new entry: `{base}` becomes the entity's base DN, every other `{attribute}` the
 * escaped value of that attribute in `data` (its first value when it has several).
 */
export function renderDn(template: string, base: string, data: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    if (name === 'base') return base;
    const raw = data[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      throw new RecordInvalidError(`cannot name the new entry: the DN template '${template}' needs '${name}', which the record does not have`, { template, attribute: name });
    }
    return escapeDnValue(String(value));
  });
}

/** A DN in a form two spellings of the same DN share: lower case, no spaces around separators. */
export function normalizeDn(dn: string): string {
  return dn.trim().replace(/\s*([,=+])\s*/g, '$1').toLowerCase();
}

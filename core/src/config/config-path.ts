/** One step into a parsed YAML document: a map key or a sequence index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/**
 * `['flows', 0, 'mapping', 'fullName']` → `flows[0].mapping.fullName`, the form users see in
 * problems. Keys that are not plain identifiers are quoted so the path stays unambiguous.
 */
export function formatConfigPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

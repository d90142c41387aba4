import type { PathSegment } from './config-path';

/** Where to read `${NAME}` values from; tests pass their own instead of `process.env`. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export interface EnvSubstitutionProblem {
  path: PathSegment[];
  message: string;
}

// `$${...}` is an escaped literal; `${NAME}` / `${NAME:-default}` are references.
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string scalar of `value` (map keys are left
 * alone) with values from `env`; `$${` stays a literal `${`. This is how secrets get into config
 * files without being written in them. An unset variable without a default is a problem at the
 * scalar's path, and that scalar is kept as written so it causes no follow-up problems.
 * As in a shell, `${NAME:-default}` takes the default when NAME is unset or empty, while a plain
 * `${NAME}` set to the empty string is used as is.
 */
export function substituteEnv(value: unknown, env: ConfigEnv): { value: unknown; problems: EnvSubstitutionProblem[] } {
  const problems: EnvSubstitutionProblem[] = [];
  const walk = (node: unknown, path: PathSegment[]): unknown => {
    if (typeof node === 'string') return substituteString(node, env, path, problems);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return node;
  };
  return { value: walk(value, []), problems };
}

function substituteString(text: string, env: ConfigEnv, path: PathSegment[], problems: EnvSubstitutionProblem[]): string {
  const missing: string[] = [];
  const result = text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${'; // the `$${` escape
    const found = env[name];
    if (fallback !== undefined) return found ? found : fallback;
    if (found === undefined) {
      missing.push(name);
      return match;
    }
    return found;
  });
  for (const name of missing) problems.push({ path, message: `missing environment variable ${name}` });
  return missing.length > 0 ? text : result;
}

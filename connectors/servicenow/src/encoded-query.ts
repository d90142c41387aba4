/**
 * Encoded queries (`sysparm_query`) the connector composes: a configured query, a flow's filter
 * and its own conditions, AND-ed with `^`. In an encoded query `^OR` binds tighter than `^`, so
 * `a^ORb` followed by `^c` reads `(a OR b) AND c`, and a user's query keeps its meaning.
 */

/**
 * Why a user's query cannot be combined with the connector's conditions, or undefined when it can.
 * `^NQ` starts a new OR-ed query that the connector's conditions would not apply to, and an
 * `ORDERBY` would change the order that incremental reads depend on.
 */
export function encodedQueryProblem(query: string): string | undefined {
  if (query.includes('^NQ')) return 'must not contain ^NQ (a new OR-ed query): the connector adds conditions with ^ that would only apply to its last part';
  if (/(^|\^)ORDERBY/.test(query)) return 'must not contain ORDERBY: the connector orders by sys_updated_on and sys_id to read incrementally';
  return undefined;
}

/** The parts that are not empty, AND-ed; a trailing `^EQ` (end of query, as list URLs copy it) is dropped. */
export function andQuery(...parts: Array<string | undefined>): string {
  return parts
    .map((p) => p?.replace(/\^EQ$/, '').trim())
    .filter((p): p is string => Boolean(p))
    .join('^');
}

/** Iterates a cursor-paginated list across pages: yields each page's items, then fetches the next page with its cursor. */
export async function* paginate<Item>(fetchPage: (cursor: string | undefined) => Promise<unknown>, cursor: string | undefined, itemsField: string, nextField: string): AsyncGenerator<Item, void, undefined> {
  let next = cursor;
  for (;;) {
    const page = (await fetchPage(next)) as Record<string, unknown> | null;
    const items = page?.[itemsField];
    if (Array.isArray(items)) yield* items as Item[];
    const following = page?.[nextField];
    if (typeof following !== 'string' || following === '') return;
    next = following;
  }
}

"""Iterating a cursor-paginated list across pages."""

import typing as _t

T = _t.TypeVar("T")


def paginate(fetch: _t.Callable[[_t.Optional[str]], _t.Any], cursor: _t.Optional[str], items_field: str, next_field: str) -> _t.Iterator[_t.Any]:
    """Yields the items of each page, fetching the next one with the page's next cursor until it is empty."""
    while True:
        page = fetch(cursor)
        for item in (page or {}).get(items_field) or []:
            yield item
        cursor = (page or {}).get(next_field)
        if not cursor:
            return

package {{package}};

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The items of a cursor-paginated list across pages: each page is fetched when the previous one
 * is used up, with that page's next cursor, until a page has none.
 */
public final class PageIterable<T> implements Iterable<T> {
    private final Function<String, Object> fetchPage;
    private final String cursor;
    private final String itemsField;
    private final String nextField;
    private final Function<Object, T> decode;

    public PageIterable(Function<String, Object> fetchPage, String cursor, String itemsField, String nextField, Function<Object, T> decode) {
        this.fetchPage = fetchPage;
        this.cursor = cursor;
        this.itemsField = itemsField;
        this.nextField = nextField;
        this.decode = decode;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<T>() {
            private Iterator<Object> page;
            private String next = cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (page == null || !page.hasNext()) {
                    if (last) return false;
                    Object raw = fetchPage.apply(next);
                    List<Object> items = Json.asList(Json.field(raw, itemsField), v -> v);
                    page = items == null ? List.<Object>of().iterator() : items.iterator();
                    Object following = Json.field(raw, nextField);
                    next = following instanceof String ? (String) following : null;
                    last = next == null || next.isEmpty();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                return decode.apply(page.next());
            }
        };
    }
}

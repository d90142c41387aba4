namespace {{namespace}}
{
    using System;
    using System.Collections.Generic;
    using System.Threading.Tasks;

    /// <summary>
    /// The items of a cursor-paginated list across pages: each page is fetched when the previous one
    /// is used up, with that page's next cursor, until a page has none. The transport never resumes on
    /// the caller's synchronization context, so blocking on a page here cannot deadlock.
    /// </summary>
    public static class Pagination
    {
        public static IEnumerable<T> Iterate<T>(Func<string, Task<object>> fetchPage, string cursor, string itemsField, string nextField, Func<object, T> decode)
        {
            var next = cursor;
            while (true)
            {
                var page = fetchPage(next).GetAwaiter().GetResult();
                var items = Json.AsList(Json.Field(page, itemsField), v => v);
                if (items != null) foreach (var item in items) yield return decode(item);
                next = Json.Field(page, nextField) as string;
                if (string.IsNullOrEmpty(next)) yield break;
            }
        }
    }
}

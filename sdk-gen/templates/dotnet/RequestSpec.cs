namespace {{namespace}}
{
    using System.Collections.Generic;

    /// <summary>One call as the generated API classes describe it: path, parameters, body and the kind of answer.</summary>
    public sealed class RequestSpec
    {
        internal readonly string Method;
        internal readonly string Path;
        internal readonly Dictionary<string, object> PathParams = new Dictionary<string, object>();
        /// <summary>Wire name → (value, style); style is "form", "formNoExplode" or "deepObject". Insertion order is kept.</summary>
        internal readonly List<KeyValuePair<string, object[]>> Query = new List<KeyValuePair<string, object[]>>();
        internal readonly List<KeyValuePair<string, object>> Headers = new List<KeyValuePair<string, object>>();
        internal readonly List<KeyValuePair<string, object>> Cookies = new List<KeyValuePair<string, object>>();
        internal object Body;
        internal string BodyEncoding;
        internal string MediaType;
        internal string Response = "json";
        internal bool Authenticated = true;

        public RequestSpec(string method, string path)
        {
            Method = method;
            Path = path;
        }

        public RequestSpec PathParam(string name, object value)
        {
            PathParams[name] = value;
            return this;
        }

        /// <summary>Sets (or replaces) a query parameter; null values are left out.</summary>
        public RequestSpec QueryParam(string name, object value, string style)
        {
            Query.RemoveAll(p => p.Key == name);
            Query.Add(new KeyValuePair<string, object[]>(name, new[] { value, style }));
            return this;
        }

        public RequestSpec Header(string name, object value)
        {
            Headers.Add(new KeyValuePair<string, object>(name, value));
            return this;
        }

        public RequestSpec Cookie(string name, object value)
        {
            Cookies.Add(new KeyValuePair<string, object>(name, value));
            return this;
        }

        /// <summary>encoding: "json", "form", "multipart", "binary" or "text".</summary>
        public RequestSpec WithBody(object body, string encoding, string mediaType)
        {
            Body = body;
            BodyEncoding = encoding;
            MediaType = mediaType;
            return this;
        }

        /// <summary>kind: "json", "binary", "text" or "empty".</summary>
        public RequestSpec Answer(string kind)
        {
            Response = kind;
            return this;
        }

        /// <summary>For public operations: no credentials are sent.</summary>
        public RequestSpec Anonymous()
        {
            Authenticated = false;
            return this;
        }
    }
}

namespace {{namespace}}
{
    using System;

    /// <summary>Where requests go: the API base from the caller's base URL and the document's server URL.</summary>
    internal static class Urls
    {
        /// <summary>The caller's URL, with the server's path appended unless it already ends with it; or the server URL when absolute.</summary>
        internal static string ResolveBaseUrl(string baseUrl, string serverUrl)
        {
            var absolute = serverUrl.Contains("://");
            if (string.IsNullOrEmpty(baseUrl))
            {
                if (!absolute) throw new ArgumentException("BaseUrl is required: the API's server URL (" + serverUrl + ") is relative");
                return serverUrl.TrimEnd('/');
            }
            var trimmed = baseUrl.TrimEnd('/');
            var serverPath = absolute ? "" : serverUrl.TrimEnd('/');
            return serverPath.Length == 0 || trimmed.EndsWith(serverPath, StringComparison.Ordinal) ? trimmed : trimmed + serverPath;
        }

        internal static string ResolveTokenUrl(string apiBase, string tokenUrl, string relativeTo)
        {
            if (relativeTo == "absolute") return tokenUrl;
            if (relativeTo == "api") return apiBase + tokenUrl;
            var uri = new Uri(apiBase);
            return uri.GetLeftPart(UriPartial.Authority) + tokenUrl;
        }
    }
}

namespace {{namespace}}
{
    using System;
    using System.Collections.Generic;

    /// <summary>How a client connects and authenticates.</summary>
    public sealed class ClientOptions
    {
        public ClientOptions()
        {
            Scopes = new List<string>();
            Timeout = TimeSpan.FromSeconds(30);
            MaxRetries = 3;
        }

        /// <summary>Where the API is, e.g. https://hub.example.com; the document's server path is appended unless the URL ends with it.</summary>
        public string BaseUrl { get; set; }
        /// <summary>An API key; sent as a bearer token unless the API declares an API key header, query parameter or cookie.</summary>
        public string ApiKey { get; set; }
        /// <summary>OAuth 2.0 client credentials: the client fetches an access token and renews it before it expires.</summary>
        public string ClientId { get; set; }
        public string ClientSecret { get; set; }
        /// <summary>Scopes to ask the token endpoint for; all of the client's when empty.</summary>
        public IList<string> Scopes { get; set; }
        /// <summary>Token endpoint, when it is not the one the API document names.</summary>
        public string TokenUrl { get; set; }
        /// <summary>Per attempt; default 30 s.</summary>
        public TimeSpan Timeout { get; set; }
        /// <summary>Retries of failed connections, 429 and 5xx answers, with exponential backoff honouring Retry-After; default 3.</summary>
        public int MaxRetries { get; set; }
    }
}

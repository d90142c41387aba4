namespace {{namespace}}
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Net.Http;
    using System.Net.Http.Headers;
    using System.Text;
    using System.Threading;
    using System.Threading.Tasks;

    /// <summary>The only code that talks HTTP: builds requests, authenticates, retries, and turns answers into values or exceptions.</summary>
    public sealed class HttpTransport
    {
        private static readonly string[] SafeMethods = { "GET", "HEAD", "OPTIONS" };
        private readonly ClientOptions options;
        private readonly string baseUrl;
        private readonly string tokenUrl;
        /// <summary>Where the API key goes when the document declares an apiKey scheme (null: it is a bearer token).</summary>
        private readonly string apiKeyName;
        private readonly string apiKeyIn;
        private readonly string userAgent;
        private readonly HttpClient http;
        private readonly ClientCredentials oauth;

        internal HttpTransport(ClientOptions options, string baseUrl, string tokenUrl, string apiKeyName, string apiKeyIn, string userAgent)
        {
            this.options = options;
            this.baseUrl = baseUrl;
            this.tokenUrl = tokenUrl;
            this.apiKeyName = apiKeyName;
            this.apiKeyIn = apiKeyIn;
            this.userAgent = userAgent;
            // Timeouts are per attempt (a linked CancellationTokenSource), not HttpClient's per-client one.
            http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            if (options.ClientId != null && options.ClientSecret != null)
            {
                if (tokenUrl == null) throw new ArgumentException("client credentials need a token URL: the API declares no OAuth 2.0 client-credentials flow");
                oauth = new ClientCredentials(options.ClientId, options.ClientSecret, options.Scopes, PostTokenFormAsync);
            }
        }

        private sealed class Answer
        {
            internal int Status;
            internal Dictionary<string, string> Headers;
            internal byte[] Body;
        }

        /// <summary>Sends a call; the answer is decoded JSON, byte[], string or null, as the spec's response kind says.</summary>
        public async Task<object> SendAsync(RequestSpec spec, CancellationToken cancellationToken)
        {
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("User-Agent", userAgent),
                new KeyValuePair<string, string>("Accept", spec.Response == "json" ? "application/json" : "*/*"),
            };
            foreach (var h in spec.Headers) if (h.Value != null) headers.Add(new KeyValuePair<string, string>(h.Key, WireEncoding.Joined(h.Value)));
            var cookies = spec.Cookies.Where(c => c.Value != null).Select(c => c.Key + "=" + WireEncoding.Text(c.Value)).ToList();
            var query = new List<KeyValuePair<string, object[]>>(spec.Query);
            if (spec.Authenticated && options.ApiKey != null && oauth == null)
            {
                if (apiKeyIn == "query") query.Add(new KeyValuePair<string, object[]>(apiKeyName, new object[] { options.ApiKey, "form" }));
                else if (apiKeyIn == "cookie") cookies.Add(apiKeyName + "=" + options.ApiKey);
                else if (apiKeyIn == "header") headers.Add(new KeyValuePair<string, string>(apiKeyName, options.ApiKey));
                else headers.Add(new KeyValuePair<string, string>("Authorization", "Bearer " + options.ApiKey));
            }
            if (cookies.Count > 0) headers.Add(new KeyValuePair<string, string>("Cookie", string.Join("; ", cookies)));
            // One key for every attempt of an unsafe call, so a server that saw an earlier attempt can tell it is the same call.
            if (!SafeMethods.Contains(spec.Method) && options.MaxRetries > 0 && !headers.Any(h => string.Equals(h.Key, "Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new KeyValuePair<string, string>("Idempotency-Key", Guid.NewGuid().ToString()));
            }
            var qs = WireEncoding.QueryString(query);
            var url = baseUrl + WireEncoding.ExpandPath(spec.Path, spec.PathParams) + (qs.Length == 0 ? "" : "?" + qs);
            var answer = await ExchangeAsync(spec.Method, url, headers, () => BodyContent(spec), spec.Authenticated && oauth != null, cancellationToken).ConfigureAwait(false);
            return Decode(answer, spec.Response);
        }

        /// <summary>A fresh content per attempt: HttpClient disposes the content of a request it sent.</summary>
        private static HttpContent BodyContent(RequestSpec spec)
        {
            if (spec.Body == null || spec.BodyEncoding == null) return null;
            HttpContent content;
            switch (spec.BodyEncoding)
            {
                case "json": content = new ByteArrayContent(Encoding.UTF8.GetBytes(Json.Write(spec.Body))); break;
                case "form": content = new FormUrlEncodedContent(WireEncoding.FormFields(spec.Body)); break;
                case "multipart": return WireEncoding.Multipart(spec.Body);
                case "text": content = new ByteArrayContent(Encoding.UTF8.GetBytes(Convert.ToString(spec.Body, System.Globalization.CultureInfo.InvariantCulture))); break;
                default: content = new ByteArrayContent((byte[])spec.Body); break;
            }
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(spec.MediaType);
            return content;
        }

        private async Task<Answer> ExchangeAsync(string method, string url, List<KeyValuePair<string, string>> headers, Func<HttpContent> body, bool useOAuth, CancellationToken cancellationToken)
        {
            var refreshed = false;
            var attempt = 0;
            while (true)
            {
                string bearer = useOAuth ? await oauth.TokenAsync(cancellationToken).ConfigureAwait(false) : null;
                Answer answer;
                try
                {
                    answer = await OnceAsync(method, url, headers, bearer, body(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception err) when (!cancellationToken.IsCancellationRequested && (err is HttpRequestException || err is IOException || err is OperationCanceledException))
                {
                    if (attempt >= options.MaxRetries) throw new ApiConnectionException(method + " " + url + " failed after " + (attempt + 1) + " attempt(s): " + err.Message, err);
                    await Task.Delay(Retry.BackoffDelay(attempt++), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (answer.Status >= 200 && answer.Status < 300) return answer;
                // An access token can be revoked or expire early: fetch a new one once, then give up.
                if (answer.Status == 401 && useOAuth && !refreshed)
                {
                    oauth.Invalidate();
                    refreshed = true;
                    continue;
                }
                if (Retry.IsRetryableStatus(answer.Status) && attempt < options.MaxRetries)
                {
                    string retryAfter;
                    var wait = Retry.RetryAfter(answer.Headers.TryGetValue("retry-after", out retryAfter) ? retryAfter : null);
                    if (wait == null || wait.Value <= Retry.MaxRetryAfter)
                    {
                        await Task.Delay(wait ?? Retry.BackoffDelay(attempt), cancellationToken).ConfigureAwait(false);
                        attempt++;
                        continue;
                    }
                }
                throw ApiException.Of(answer.Status, ErrorBody(answer), answer.Headers, method, url);
            }
        }

        private async Task<Answer> OnceAsync(string method, string url, List<KeyValuePair<string, string>> headers, string bearer, HttpContent content, CancellationToken cancellationToken)
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var request = new HttpRequestMessage(new HttpMethod(method), url))
            {
                timeout.CancelAfter(options.Timeout);
                foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
                if (bearer != null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
                request.Content = content;
                using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                {
                    var answerHeaders = new Dictionary<string, string>();
                    foreach (var h in response.Headers.Concat(response.Content.Headers)) answerHeaders[h.Key.ToLowerInvariant()] = string.Join(", ", h.Value);
                    var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    return new Answer { Status = (int)response.StatusCode, Headers = answerHeaders, Body = bytes };
                }
            }
        }

        private async Task<object> PostTokenFormAsync(List<KeyValuePair<string, string>> form, string authorization, CancellationToken cancellationToken)
        {
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("User-Agent", userAgent),
                new KeyValuePair<string, string>("Accept", "application/json"),
                new KeyValuePair<string, string>("Authorization", authorization),
            };
            var answer = await ExchangeAsync("POST", tokenUrl, headers, () => new FormUrlEncodedContent(form), false, cancellationToken).ConfigureAwait(false);
            return Decode(answer, "json");
        }

        private static object Decode(Answer answer, string kind)
        {
            switch (kind)
            {
                case "json":
                    var text = Encoding.UTF8.GetString(answer.Body);
                    return text.Trim().Length == 0 ? null : Json.Parse(text);
                case "binary": return answer.Body;
                case "text": return Encoding.UTF8.GetString(answer.Body);
                default: return null;
            }
        }

        private static object ErrorBody(Answer answer)
        {
            var text = Encoding.UTF8.GetString(answer.Body);
            string type;
            if (!answer.Headers.TryGetValue("content-type", out type) || !type.Contains("json")) return text;
            try
            {
                return Json.Parse(text);
            }
            catch (FormatException)
            {
                return text;
            }
        }
    }
}

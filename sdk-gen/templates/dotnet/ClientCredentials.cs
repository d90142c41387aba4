namespace {{namespace}}
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using System.Threading;
    using System.Threading.Tasks;

    /// <summary>OAuth 2.0 client credentials: fetches an access token, caches it, and fetches a new one before it expires.</summary>
    internal sealed class ClientCredentials
    {
        /// <summary>Renew this long before expiry (or at a tenth of the lifetime, if shorter), so a token never expires in flight.</summary>
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

        private readonly string clientId;
        private readonly string clientSecret;
        private readonly IList<string> scopes;
        private readonly Func<List<KeyValuePair<string, string>>, string, CancellationToken, Task<object>> postForm;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private string token;
        private DateTimeOffset expiresAt;

        internal ClientCredentials(string clientId, string clientSecret, IList<string> scopes, Func<List<KeyValuePair<string, string>>, string, CancellationToken, Task<object>> postForm)
        {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.scopes = scopes;
            this.postForm = postForm;
        }

        internal async Task<string> TokenAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (token == null || DateTimeOffset.UtcNow >= expiresAt) await FetchAsync(cancellationToken).ConfigureAwait(false);
                return token;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Forgets the token, e.g. after the API refused it, so the next call fetches a new one.</summary>
        internal void Invalidate()
        {
            token = null;
        }

        private async Task FetchAsync(CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("grant_type", "client_credentials") };
            if (scopes != null && scopes.Count > 0) form.Add(new KeyValuePair<string, string>("scope", string.Join(" ", scopes)));
            // RFC 6749 2.3.1: the id and secret are form-encoded, then sent as HTTP Basic credentials.
            var pair = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret);
            var answer = await postForm(form, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)), cancellationToken).ConfigureAwait(false);
            var accessToken = Json.Field(answer, "access_token") as string;
            if (accessToken == null) throw new InvalidOperationException("the token endpoint answered without an access_token");
            var expiresIn = Json.AsLong(Json.Field(answer, "expires_in")) ?? 3600;
            var lifetime = TimeSpan.FromSeconds(expiresIn);
            var margin = TimeSpan.FromTicks(Math.Min(RefreshMargin.Ticks, lifetime.Ticks / 10));
            token = accessToken;
            expiresAt = DateTimeOffset.UtcNow + lifetime - margin;
        }
    }
}

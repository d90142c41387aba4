namespace {{namespace}}
{
    using System;
    using System.Collections.Generic;
    using System.Runtime.CompilerServices;
    using System.Security.Cryptography;
    using System.Text;

    /// <summary>Verifies Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature) against a whsec_… secret.</summary>
    public sealed class Webhook
    {
        private const long ToleranceSeconds = 5 * 60;
        private readonly byte[] key;

        public Webhook(string secret)
        {
            key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret.Substring("whsec_".Length) : secret);
        }

        /// <summary>The parsed JSON payload, when a signature matches and the timestamp is within 5 minutes of now.</summary>
        public object Verify(string payload, IDictionary<string, string> headers)
        {
            var id = Header(headers, "webhook-id");
            var timestamp = Header(headers, "webhook-timestamp");
            var signatures = Header(headers, "webhook-signature");
            if (id == null || timestamp == null || signatures == null) throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature header");
            long sentAt;
            if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sentAt)) throw new WebhookVerificationException("webhook-timestamp is not a number");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (sentAt < now - ToleranceSeconds || sentAt > now + ToleranceSeconds) throw new WebhookVerificationException("webhook-timestamp is more than 5 minutes from now");
            var expected = Encoding.UTF8.GetBytes(Sign(id, sentAt, payload).Substring("v1,".Length));
            foreach (var candidate in signatures.Split(' '))
            {
                var comma = candidate.IndexOf(',');
                if (comma < 0 || candidate.Substring(0, comma) != "v1") continue;
                if (FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Substring(comma + 1)), expected)) return Json.Parse(payload);
            }
            throw new WebhookVerificationException("no matching signature");
        }

        /// <summary>The v1,&lt;base64&gt; signature of a message.</summary>
        public string Sign(string id, long timestamp, string payload)
        {
            using (var hmac = new HMACSHA256(key))
            {
                var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + payload));
                return "v1," + Convert.ToBase64String(digest);
            }
        }

        /// <summary>Compares in time independent of where the arrays differ (CryptographicOperations is not in .NET Framework).</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            var diff = 0;
            for (var i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        private static string Header(IDictionary<string, string> headers, string name)
        {
            foreach (var e in headers) if (string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)) return e.Value;
            return null;
        }
    }
}

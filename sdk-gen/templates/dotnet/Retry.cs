namespace {{namespace}}
{
    using System;
    using System.Globalization;

    /// <summary>When to retry and how long to wait: exponential backoff with jitter, or what Retry-After says.</summary>
    internal static class Retry
    {
        private const double BaseDelayMs = 500;
        private const double MaxDelayMs = 8000;
        /// <summary>A longer Retry-After than this is not waited for: the error goes to the caller, who can decide.</summary>
        internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
        private static readonly Random Jitter = new Random();

        internal static bool IsRetryableStatus(int status)
        {
            return status == 429 || status >= 500;
        }

        /// <summary>Delay before retry number attempt (0-based): half fixed, half random, so clients spread out.</summary>
        internal static TimeSpan BackoffDelay(int attempt)
        {
            var ceiling = Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt));
            double random;
            lock (Jitter) random = Jitter.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling / 2 + random * ceiling / 2);
        }

        /// <summary>What a Retry-After header asks for (delta-seconds or an HTTP date), or null.</summary>
        internal static TimeSpan? RetryAfter(string value)
        {
            if (value == null) return null;
            var v = value.Trim();
            long seconds;
            if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)) return TimeSpan.FromSeconds(seconds);
            DateTimeOffset at;
            if (DateTimeOffset.TryParseExact(v, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}

namespace {{namespace}}
{
    using System;
    using System.Collections.Generic;

    /// <summary>
    /// The API answered with an error status. Code, ErrorMessage and Details come from an
    /// {"error": {"code", "message", "details"}} body when the answer has one; Body is the parsed
    /// JSON (or the text), Headers the answer's headers with lower-case names.
    /// </summary>
    public class ApiException : Exception
    {
        public ApiException(int status, object body, IDictionary<string, string> headers, string method, string url)
            : base(Describe(status, body, method, url))
        {
            var fields = ErrorFields(body);
            Status = status;
            Body = body;
            Headers = headers;
            Code = fields.ContainsKey("code") ? fields["code"] as string : null;
            ErrorMessage = fields.ContainsKey("message") && fields["message"] is string ? (string)fields["message"] : "HTTP " + status;
            Details = fields.ContainsKey("details") && fields["details"] is IList<object> ? (IList<object>)fields["details"] : new List<object>();
        }

        public int Status { get; private set; }
        public object Body { get; private set; }
        public IDictionary<string, string> Headers { get; private set; }
        /// <summary>The error code of the body, e.g. IHUB_NOT_FOUND; null when the body has none.</summary>
        public string Code { get; private set; }
        public string ErrorMessage { get; private set; }
        public IList<object> Details { get; private set; }

        private static IDictionary<string, object> ErrorFields(object body)
        {
            var outer = body as IDictionary<string, object>;
            object error = null;
            if (outer != null) outer.TryGetValue("error", out error);
            return error as IDictionary<string, object> ?? new Dictionary<string, object>();
        }

        private static string Describe(int status, object body, string method, string url)
        {
            var fields = ErrorFields(body);
            var code = fields.ContainsKey("code") ? fields["code"] as string : null;
            var message = fields.ContainsKey("message") ? fields["message"] as string : null;
            return method + " " + url + " answered " + status + (code != null ? " " + code : "") + ": " + (message ?? "HTTP " + status);
        }

        /// <summary>The most specific exception class for a status.</summary>
        public static ApiException Of(int status, object body, IDictionary<string, string> headers, string method, string url)
        {
            switch (status)
            {
                case 400: return new BadRequestException(status, body, headers, method, url);
                case 401: return new AuthenticationException(status, body, headers, method, url);
                case 403: return new PermissionDeniedException(status, body, headers, method, url);
                case 404: return new NotFoundException(status, body, headers, method, url);
                case 409: return new ConflictException(status, body, headers, method, url);
                case 429: return new RateLimitException(status, body, headers, method, url);
                default: return status >= 500 ? new ServerException(status, body, headers, method, url) : new ApiException(status, body, headers, method, url);
            }
        }
    }

    /// <summary>400: the request is invalid; Details lists each bad field.</summary>
    public class BadRequestException : ApiException
    {
        public BadRequestException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>401: missing, invalid, expired or revoked credentials.</summary>
    public class AuthenticationException : ApiException
    {
        public AuthenticationException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>403: the credentials lack a scope the operation needs.</summary>
    public class PermissionDeniedException : ApiException
    {
        public PermissionDeniedException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>404: no such resource (for these credentials).</summary>
    public class NotFoundException : ApiException
    {
        public NotFoundException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>409: the request conflicts with the resource's state.</summary>
    public class ConflictException : ApiException
    {
        public ConflictException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>429: too many requests, still refused after the client's retries.</summary>
    public class RateLimitException : ApiException
    {
        public RateLimitException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>5xx: the server failed, still after the client's retries.</summary>
    public class ServerException : ApiException
    {
        public ServerException(int status, object body, IDictionary<string, string> headers, string method, string url) : base(status, body, headers, method, url) { }
    }

    /// <summary>No answer: the connection failed or timed out, after the client's retries.</summary>
    public class ApiConnectionException : Exception
    {
        public ApiConnectionException(string message, Exception inner) : base(message, inner) { }
    }

    /// <summary>A webhook message's signature or timestamp did not verify: do not trust it.</summary>
    public class WebhookVerificationException : Exception
    {
        public WebhookVerificationException(string message) : base(message) { }
    }
}

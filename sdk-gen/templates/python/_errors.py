"""Errors the client raises: ApiError (and a subclass per common status) for error answers,
ApiConnectionError when no answer came at all."""

import typing as _t


class ApiError(Exception):
    """The API answered with an error status.

    ``code``, ``message`` and ``details`` come from an ``{"error": {"code", "message", "details"}}``
    body when the answer has one; ``body`` is the parsed JSON body (or the text), ``headers`` the
    answer's headers with lower-case names.
    """

    def __init__(self, status: int, body: _t.Any, headers: _t.Dict[str, str], method: str, url: str) -> None:
        error = body.get("error") if isinstance(body, dict) else None
        error = error if isinstance(error, dict) else {}
        self.status = status
        self.body = body
        self.headers = headers
        self.code: _t.Optional[str] = error.get("code") if isinstance(error.get("code"), str) else None
        self.message: str = error.get("message") if isinstance(error.get("message"), str) else "HTTP %d" % status
        details = error.get("details")
        self.details: _t.List[_t.Any] = details if isinstance(details, list) else []
        super().__init__("%s %s answered %d%s: %s" % (method, url, status, " " + self.code if self.code else "", self.message))


class BadRequestError(ApiError):
    """400: the request is invalid; ``details`` lists each bad field."""


class AuthenticationError(ApiError):
    """401: missing, invalid, expired or revoked credentials."""


class PermissionDeniedError(ApiError):
    """403: the credentials lack a scope the operation needs."""


class NotFoundError(ApiError):
    """404: no such resource (for these credentials)."""


class ConflictError(ApiError):
    """409: the request conflicts with the resource's state."""


class RateLimitError(ApiError):
    """429: too many requests, still refused after the client's retries."""


class ServerError(ApiError):
    """5xx: the server failed, still after the client's retries."""


class ApiConnectionError(Exception):
    """No answer: the connection failed or timed out, after the client's retries."""


_BY_STATUS = {400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError, 409: ConflictError, 429: RateLimitError}


def error_for(status: int, body: _t.Any, headers: _t.Dict[str, str], method: str, url: str) -> ApiError:
    """The most specific error class for a status."""
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(status, body, headers, method, url)

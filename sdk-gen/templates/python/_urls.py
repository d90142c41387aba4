"""Where requests go: the API base from the caller's base URL and the document's server URL."""

import typing as _t
import urllib.parse


def resolve_base_url(base_url: _t.Optional[str], server_url: str) -> str:
    """The caller's URL, with the server's path appended unless it already ends with it; or the server URL when absolute."""
    absolute = "://" in server_url
    if not base_url:
        if not absolute:
            raise ValueError("base_url is required: the API's server URL (%s) is relative" % server_url)
        return server_url.rstrip("/")
    base = base_url.rstrip("/")
    server_path = "" if absolute else server_url.rstrip("/")
    return base if not server_path or base.endswith(server_path) else base + server_path


def resolve_token_url(api_base: str, token_url: str, relative_to: str) -> str:
    if relative_to == "absolute":
        return token_url
    if relative_to == "api":
        return api_base + token_url
    parts = urllib.parse.urlsplit(api_base)
    return "%s://%s%s" % (parts.scheme, parts.netloc, token_url)

"""PostgreSQL URLs in the config: what makes one usable, and how messages show one (never its password).

Free of psycopg, so the config can be checked where the driver is not installed.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without a password, fit for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}" if user else f"***@{netloc}"))


def check_url(url: str) -> str | None:
    """Why ``url`` cannot name a PostgreSQL database, or None when it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        return f"{exc}"
    if parts.scheme not in ("postgresql", "postgres"):
        return "it must start with postgresql://"
    if parts.password is not None:
        return "it holds a password; keep it out of the config (PGPASSWORD, ~/.pgpass or password_env)"
    if not parts.path.strip("/"):
        return "it names no database (postgresql://user@host:port/dbname)"
    return None

"""Loading and validating config.toml.

Every mistake is reported as one line naming the key (and the feed id), before anything
touches the database: ``config.toml: [[feeds]] id 'yonhap-nk': unknown key 'intervl'``.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from monitor import USER_AGENT
from monitor.errors import MonitorError

FEED_ID = re.compile(r"^[a-z0-9-]+$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")
VERDICTS = ("confirms", "updates", "new", "contradicts")
#: "feed": RSS, Atom, RDF or JSON Feed. "page": an HTML page whose links are the items (monitor.feeds.page).
SOURCE_TYPES = ("feed", "page")
# An Apprise URL: a scheme (json://, slack://, tgram://, mailto:…), then the service's own part.
CHANNEL_URL = re.compile(r"^[a-z][a-z0-9+.-]*:(//)?\S+$", re.I)
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Settings that mean nothing at 0 (a timeout that expires at once, an interval that never
#: advances, an hourly cap that holds every alert for ever); gaps, jitter and the feed-health
#: thresholds may be 0 (none, or that notice off).
MUST_BE_POSITIVE = frozenset(
    {
        "max_per_hour",
        "interval_minutes",
        "timeout_seconds",
        "deadline_seconds",
        "misfire_grace_seconds",
        "max_backoff_hours",
        "retry_max_hours",
        "give_up_email_days",
        "give_up_channel_days",
        "give_up_min_attempts",
    }
)
#: Beyond this a number stops being a setting and starts overflowing date arithmetic.
LARGEST_NUMBER = 10_000_000


class ConfigError(MonitorError):
    """config.toml is missing, unreadable or invalid. The message names the key."""


@dataclass(frozen=True)
class StoreConfig:
    #: The SQLite file: the log and its read models; with ``url``, this machine's copy of
    #: the shared log and the read models built from it.
    path: str = "monitor.db"
    #: postgresql://user@host:port/dbname: the log lives there, shared by every daemon.
    url: str | None = None
    #: The environment variable holding the database password (never the config itself).
    password_env: str | None = None
    #: With url: how long a daemon's claim on a feed or on alert delivery outlives its last
    #: renewal (renewed every third of it), i.e. how soon others take over from a dead daemon.
    lease_seconds: float = 60.0


@dataclass(frozen=True)
class ScheduleConfig:
    interval_minutes: float = 15
    jitter_seconds: float = 60
    misfire_grace_seconds: float = 300
    max_backoff_hours: float = 6


@dataclass(frozen=True)
class FetchConfig:
    timeout_seconds: float = 30
    deadline_seconds: float = 60
    max_bytes: int = 10_000_000
    concurrency: int = 8
    per_host_concurrency: int = 1
    per_host_gap_seconds: float = 1.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    parse_workers: int = 0  # 0: one per core
    allow_private_addresses: bool = False  # True: redirects may lead to private/loopback addresses (intranets)


@dataclass(frozen=True)
class FeedConfig:
    id: str
    url: str
    interval_minutes: float | None = None
    full_text: bool = False
    enabled: bool = True
    title: str | None = None
    outlet: str | None = None
    type: str = "feed"  # one of SOURCE_TYPES
    item_selector: str | None = None  # type = "page": CSS selector of the items' links

    @property
    def outlet_name(self) -> str:
        """How alerts and the report name the feed's outlet. Feeds with one name are one
        outlet: a link they share is one article (monitor.feeds.identity)."""
        return self.outlet or self.title or self.id


#: The metadata of a settings field that no key sets: it is read from other keys (no "unknown key" hint names it).
DERIVED = {"derived": True}


@dataclass(frozen=True)
class SmtpConfig:
    host: str = "127.0.0.1"
    port: int = 587
    security: str = "starttls"
    username: str | None = None
    password_env: str | None = None
    timeout_seconds: float = 30
    deadline_seconds: float | None = None  # a whole send; default 4 x timeout
    helo: str | None = None
    ca_file: str | None = None  # PEM trust store for a private-CA or self-signed relay


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` is this machine's loopback interface (127.0.0.0/8, ::1, localhost), by its text alone."""
    name = host.strip().strip("[]").rstrip(".").lower()
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name == "localhost" or name.endswith(".localhost")
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return bool((mapped or address).is_loopback)


def cleartext_login_refusal(host: str, security: str, username: str | None) -> str | None:
    """Why ``[alerts.smtp]`` must not log in as configured, or None when it may.

    With ``security = "none"`` the AUTH exchange (base64 of the password, not a cipher)
    crosses the network readable by anyone on the path; only a relay on this machine's
    loopback interface is exempt. A name other than ``localhost`` is not resolved here:
    what it resolves to can change after the check.
    """
    if not username or security != "none" or is_loopback_host(host):
        return None
    return (
        f'username is set with security = "none": the password would cross the network to {host} in '
        'clear text — use security = "starttls" (port 587) or "tls" (port 465); a login without '
        "TLS is allowed only to a loopback host (127.0.0.1, ::1, localhost)"
    )


@dataclass(frozen=True)
class AlertsConfig:
    to: tuple[str, ...] = ()
    from_: str = "monitor@localhost"
    verdicts: tuple[str, ...] = ("updates", "new", "contradicts")
    mode: str = "immediate"
    outbox_dir: str = "outbox"
    digest_time: str = "07:00"
    timezone: str = "UTC"
    max_per_hour: int = 30
    first_poll_summary: bool = True
    feed_failures_before_alert: int = 5
    feed_silent_days: float = 7
    retry_max_hours: float = 6
    # How long a delivery that keeps failing (never refused for good) is retried, from its first failure, before it
    # is given up: mail servers bounce after about five days (Postfix's maximal_queue_lifetime, sendmail's
    # Timeout.queuereturn), webhook senders stop after about three (Standard Webhooks, Svix). Given up is not lost:
    # the AlertFailed says so (``gave_up``), `monitor alerts` shows it, `monitor alerts retry` tries it again.
    give_up_email_days: float = 5
    give_up_channel_days: float = 3
    # ... and at least this many attempts: a machine that was off for days gets its failing deliveries tried a few
    # more times (about half an hour of backoff) before it gives them up.
    give_up_min_attempts: int = 5
    list_id: str = "nkru-monitor alerts <alerts.nkru-monitor.invalid>"
    notify: tuple[str, ...] = ()  # Apprise URLs: every alert goes to each (monitor.alerts.channels)
    notify_env: str | None = None  # an environment variable holding more of them, so tokens stay out of the file
    # The environment variable holding the HMAC key that signs hook+https:// channels' documents
    # (monitor.alerts.webhook); never in the file, never logged.
    webhook_secret_env: str | None = None
    # The hook URLs of ``notify`` written as {url, webhook_secret_env} tables, each with its own key's variable;
    # read from those tables, not a key of its own (DERIVED)
    hook_secret_envs: tuple[tuple[str, str], ...] = field(default=(), metadata=DERIVED)
    smtp: SmtpConfig | None = None

    def secret_env(self, url: str) -> str | None:
        """The variable holding the key that signs documents to ``url``: the hook's own, else ``webhook_secret_env``."""
        return dict(self.hook_secret_envs).get(url, self.webhook_secret_env)

    def channels(self, env: Mapping[str, str] = os.environ) -> tuple[str, ...]:
        """Every channel URL: ``notify`` then those in ``notify_env`` (split on whitespace,
        commas or semicolons), without repeats. An unset variable adds none."""
        extra = re.split(r"[\s,;]+", env.get(self.notify_env, "")) if self.notify_env else []
        return tuple(dict.fromkeys(url for url in (*self.notify, *extra) if url))

    def give_up_after(self, destination: str) -> timedelta:
        """How long a delivery to ``destination`` ("email" or "channel") may keep failing before it is given up."""
        return timedelta(days=self.give_up_email_days if destination == "email" else self.give_up_channel_days)

    def enabled(self, env: Mapping[str, str] = os.environ) -> bool:
        """Whether alerts are composed at all: they go somewhere, to e-mail recipients (``to``) or to channels
        (``notify``, ``notify_env``). Emptying both is how alerts are turned off."""
        return bool(self.to or self.channels(env))


@dataclass(frozen=True)
class Config:
    store: StoreConfig = field(default_factory=StoreConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    feeds: tuple[FeedConfig, ...] = ()
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    source: Path | None = None

    @property
    def base_dir(self) -> Path:
        """Relative paths in the config resolve against the config file's folder."""
        return self.source.parent if self.source else Path.cwd()

    def resolve(self, relative: str) -> Path:
        return Path(relative) if relative == ":memory:" else _against(self.base_dir, relative)

    def feed(self, feed_id: str) -> FeedConfig:
        for feed in self.feeds:
            if feed.id == feed_id:
                return feed
        # The config is fine; the id asked for is not in it (a usage error, not a ConfigError).
        raise MonitorError(f"no feed with id {feed_id!r} in {self.source or 'the config'} (see `monitor feeds list`)")

    def interval_for(self, feed: FeedConfig) -> float:
        return feed.interval_minutes if feed.interval_minutes is not None else self.schedule.interval_minutes


def _type_name(kind: Any) -> str:
    return {int: "an integer", float: "a number", str: "a string", bool: "true or false"}.get(kind, str(kind))


def _check_value(where: str, key: str, value: Any, annotation: str) -> Any:
    """Coerce and check one scalar against its dataclass annotation (as a string)."""
    optional = "None" in annotation
    if value is None and optional:
        return None
    base = annotation.replace(" | None", "")
    if base == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {key} must be true or false, not {value!r}")
        return value
    if base == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: {key} must be an integer, not {value!r}")
        if value < 0:
            raise ConfigError(f"{where}: {key} must not be negative")
        if value == 0 and key in MUST_BE_POSITIVE:
            raise ConfigError(f"{where}: {key} must be at least 1")
        return value
    if base == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: {key} must be a number, not {value!r}")
        if not math.isfinite(value):
            raise ConfigError(f"{where}: {key} must be a finite number, not {value!r}")
        if value < 0:
            raise ConfigError(f"{where}: {key} must not be negative")
        if value == 0 and key in MUST_BE_POSITIVE:
            raise ConfigError(f"{where}: {key} must be more than 0")
        if value > LARGEST_NUMBER:
            raise ConfigError(f"{where}: {key} must be at most {LARGEST_NUMBER:,}, not {value!r}")
        return float(value)
    if base == "str":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {key} must be a string, not {value!r}")
        return value
    if base.startswith("tuple[str"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key} must be a list of strings")
        return tuple(value)
    raise AssertionError(f"unhandled annotation {annotation}")


def _build(cls: type, raw: Any, where: str, skip: tuple[str, ...] = (), rename: dict[str, str] | None = None) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    rename = rename or {}
    known = {rename.get(f.name, f.name): f for f in fields(cls) if f.name not in skip and not f.metadata.get("derived")}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in skip:
            continue
        if key not in known:
            hint = ", ".join(sorted(known))
            raise ConfigError(f"{where}: unknown key {key!r} (known keys: {hint})")
        spec = known[key]
        if key.endswith("_env") and value is not None:
            # Every key that names an environment variable, one rule, checked before the type
            # check, whose message quotes the value: a secret pasted here must not be echoed.
            refusal = env_name_refusal(value)
            if refusal:
                raise ConfigError(f"{where}: {key} {refusal}")
        values[spec.name] = _check_value(where, key, value, str(spec.type))
    return cls(**values)


def _against(base_dir: Path, relative: str) -> Path:
    """The one rule for paths in a config: ``~`` expanded, relative to the config's folder."""
    path = Path(relative).expanduser()
    return path if path.is_absolute() else base_dir / path


def resolve_local_url(url: str, base_dir: Path) -> str:
    """A feed that is a local file, as an absolute path; any other URL unchanged.

    ``feeds/x.xml`` and ``file:feeds/x.xml`` name a file beside the config, wherever
    `monitor` runs from; ``file:///srv/x.xml`` and http(s) URLs are left as written.
    """
    parts = urlsplit(url)
    if parts.scheme == "" or len(parts.scheme) == 1:  # a plain path (or a Windows drive letter)
        return str(_against(base_dir, url))
    if parts.scheme == "file" and not parts.netloc and not parts.path.startswith("/"):
        return str(_against(base_dir, unquote(parts.path)))
    return url


NOT_HTTP = "not an http(s) URL"


def http_url_problem(url: str) -> str | None:
    """What keeps ``url`` from being fetched as an http(s) address, or None.

    The one rule for a feed's URL in the config, `feeds add` and `feeds import`: a bracket
    left open or a port that is no port would otherwise surface as a traceback, or as the
    same failure at every poll.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for its check: a port out of range or not a number raises
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return NOT_HTTP
    if not parts.hostname:
        return "no host"
    if any(char.isspace() or not char.isprintable() for char in parts.netloc):
        return "a space or control character in its host"
    return None


def _check_url(where: str, url: str, base_dir: Path) -> None:
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        scheme = "http"  # unreadable as a URL at all: http_url_problem names why
    if scheme in ("http", "https"):
        problem = http_url_problem(url)
        if problem is not None:
            raise ConfigError(f"{where}: url {url!r}: {problem}")
        return
    if scheme == "file" or scheme == "":
        return  # a local file; its absence is a poll-time failure, not a config error
    if len(scheme) == 1:  # a Windows drive letter
        return
    raise ConfigError(f"{where}: url {url!r} must be http(s)://, file:// or a local path")


def _check_source_type(where: str, feed: FeedConfig) -> None:
    if feed.type not in SOURCE_TYPES:
        raise ConfigError(f"{where}: type must be one of {', '.join(SOURCE_TYPES)}, not {feed.type!r}")
    if feed.item_selector is None:
        return
    if feed.type != "page":
        raise ConfigError(f'{where}: item_selector applies to type = "page" sources only')
    from cssselect import GenericTranslator, SelectorError  # imported here: only page sources need it

    try:
        GenericTranslator().css_to_xpath(feed.item_selector)
    except SelectorError as exc:
        raise ConfigError(f"{where}: item_selector {feed.item_selector!r} is not a CSS selector ({exc})") from None


#: Apprise schemes whose host part names a server, not a token: their host may be shown.
_SERVER_SCHEMES = frozenset(
    {
        "json",
        "jsons",
        "hook+http",
        "hook+https",
        "xml",
        "xmls",
        "form",
        "forms",
        "ntfy",
        "ntfys",
        "matrix",
        "matrixs",
        "gotify",
        "gotifys",
        "mqtt",
        "mqtts",
        "rocket",
        "rockets",
        "mmost",
        "mmosts",
        "mailto",
        "mailtos",
        "apprise",
        "apprises",
    }
)


def channel_url_problem(url: str) -> str | None:
    """What is wrong with a channel URL as written (``notify`` in the config, ``alerts test --channel``),
    or None. Whether Apprise knows its service is asked by the commands that send (`run` and `poll` at
    their start, `alerts retry`, `alerts test`), not at every config load: importing Apprise costs a third
    of a second."""
    if CHANNEL_URL.match(url):
        problem = hook_url_problem(url) if is_hook(url) else None
        return f"{redact_channel(url)!r} {problem}" if problem else None
    return f"{redact_channel(url)!r} is not a channel URL (scheme://..., e.g. json://host/path or slack://tokens)"


#: Channel schemes that post the structured webhook document (monitor.alerts.webhook), not Apprise's.
HOOK_SCHEMES = ("hook+https", "hook+http")


def is_hook(url: str) -> bool:
    """Whether a channel URL is a structured webhook rather than an Apprise URL."""
    return url.strip().split("://", 1)[0].lower() in HOOK_SCHEMES


def hook_target(url: str) -> str:
    """The http(s) URL a hook channel posts to: its scheme without ``hook+``."""
    return url.strip().split("+", 1)[1]


def hook_url_problem(url: str) -> str | None:
    """What makes a ``hook+`` URL unusable (no host, a port that is no number), or None; offline."""
    from urllib.parse import urlsplit  # imported here: only a config with a hook pays for it

    try:
        parts = urlsplit(hook_target(url))
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "is not a usable webhook URL (hook+https://host/path)"
    if not parts.hostname:
        return "names no host (hook+https://host/path)"
    if parts.username is not None and parts.scheme == "http" and not is_loopback_host(parts.hostname):
        # SMTP's rule (cleartext_login_refusal): a password crosses the network only inside TLS
        return (
            "would send its user and password in clear text: use hook+https:// (hook+http:// only to a loopback host)"
        )
    return None


def _sha6(text: str) -> str:
    import hashlib  # imported here: every command loads the config, only channels need a fingerprint

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]


#: Query parameters Apprise reads a password from (``?pass=`` is its shorthand for ``?password=``).
_APPRISE_PASSWORD_PARAMETERS = frozenset({"pass", "password"})


def without_credentials(url: str) -> str:
    """A channel URL without the secrets of its ``user:password@``: a hook's whole user part (it is sent as Basic
    auth, and a token may be given as the user alone), an Apprise URL's password (its user often names the recipient,
    as Pushover's user key does, so two channels differing there stay two). Apprise also takes a password from the
    query (``?pass=``, ``?password=``), and with ``?user=`` there the part before ``@`` is the password: both are left
    out too. A URL with none is returned as it is."""
    url = url.strip()
    head, sep, rest = url.partition("://")
    if not sep:
        return url
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    path, question, query = rest[len(authority) :].partition("?")
    parameters = query.split("&") if question else []
    names = [parameter.split("=", 1)[0].lower() for parameter in parameters]
    if not is_hook(url):
        parameters = [p for p, name in zip(parameters, names, strict=True) if name not in _APPRISE_PASSWORD_PARAMETERS]
    user_part, at, host = authority.rpartition("@")
    kept = "" if not at or is_hook(url) or "user" in names else user_part.split(":", 1)[0] + "@"
    tail = path + ("?" + "&".join(parameters) if parameters else "")
    return f"{head}://{kept}{host}{tail}"


def channel_fingerprint(url: str) -> str:
    """Six hex characters of SHA-256 that tell two channels apart, in events (``channel:<fingerprint>``), logs and
    `monitor alerts`. Over the URL without its credentials: six characters of a hash over a password are enough to
    confirm a guessed weak one. Releases up to December 2026 hashed the whole URL (:func:`legacy_channel_fingerprint`);
    the two agree for every URL without credentials."""
    return _sha6(without_credentials(url))


def legacy_channel_fingerprint(url: str) -> str:
    """The fingerprint releases up to December 2026 recorded: over the whole URL, credentials included. Read only, to
    know a configured channel in the events they wrote (the log is never rewritten); never recorded again."""
    return _sha6(url.strip())


def redact_channel(url: str) -> str:
    """A channel URL fit for events, logs and the terminal: the scheme, the host when it
    names a server (json://, ntfy://, matrix://, mailto://…), and a short fingerprint that
    tells two channels apart; never the user, password, token or path (webhook secrets)."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        scheme, sep, rest = url.strip().partition(":")
    fingerprint = channel_fingerprint(url)
    if not sep:  # no scheme at all ("garbage"): name none rather than pass the text off as one
        return f"(no scheme)…#{fingerprint}"
    scheme = scheme.lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*$", scheme) else "?"
    host = ""
    if scheme in _SERVER_SCHEMES:
        host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
        # a name or [IPv6] and a numeric port only: "user:pa" is what is left of a password with a raw "/", "?"
        # or "#" in it, which ends the host part before its "@"
        host = (
            host
            if len(host) <= 100 and re.match(r"^(?:[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$", host)
            else ""
        )
    return f"{scheme}://{host or '***'}/…#{fingerprint}"


def env_name_refusal(value: object) -> str | None:
    """Why ``value`` cannot name an environment variable, or None. The value is never quoted: a
    key that names the variable holding a secret (a hook key, channel URLs with tokens) is where
    the secret itself gets pasted by mistake, and the error goes to the terminal and the journal."""
    if isinstance(value, str) and ENV_NAME.match(value):
        return None
    return (
        "must name an environment variable (letters, digits and _, not starting with a digit) that holds"
        " the secret, not the secret itself (the value is not shown)"
    )


def _notify_entries(name: str, entries: list[Any]) -> tuple[list[Any], tuple[tuple[str, str], ...]]:
    """``[alerts] notify`` as URLs, and the hooks written as ``{url = "hook+https://…", webhook_secret_env = "VAR"}``
    with their own key's variable. Any entry that is neither a string nor a table is left for the type check."""
    urls: list[Any] = []
    secret_envs: dict[str, str] = {}
    known = ("url", "webhook_secret_env")
    for entry in entries:
        if not isinstance(entry, dict):
            urls.append(entry)
            continue
        where = f"{name}: [alerts] notify"
        unknown = sorted(set(entry) - set(known))
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} in a table (known keys: {', '.join(known)})")
        url, env_name = entry.get("url"), entry.get("webhook_secret_env")
        if not isinstance(url, str):
            raise ConfigError(f"{where}: a table needs url, the channel's URL as a string")
        if env_name is not None:
            refusal = env_name_refusal(env_name)
            if refusal:
                raise ConfigError(f"{where}: webhook_secret_env {refusal}")
            if not is_hook(url):
                raise ConfigError(f"{where}: {redact_channel(url)!r}: webhook_secret_env applies to hook+ URLs only")
            if secret_envs.setdefault(url, env_name) != env_name:
                raise ConfigError(f"{where}: {redact_channel(url)!r} is listed twice with different webhook_secret_env")
        urls.append(url)
    return urls, tuple(secret_envs.items())


def parse_config(data: dict[str, Any], source: Path | None = None) -> Config:
    name = source.name if source else "config"
    top = {"store", "schedule", "fetch", "feeds", "alerts"}
    for key in data:
        if key not in top:
            raise ConfigError(f"{name}: unknown section [{key}] (known: {', '.join(sorted(top))})")
    store = _build(StoreConfig, data.get("store", {}), f"{name}: [store]")
    if store.url is not None:
        # Imported here: loading the store package costs start-up time commands without a url never pay.
        from monitor.store.urls import check_url, redact

        problem = check_url(store.url)
        if problem:
            raise ConfigError(f"{name}: [store] url {redact(store.url)!r}: {problem}")
        if not 1 <= store.lease_seconds <= 3600:
            raise ConfigError(f"{name}: [store] lease_seconds must be between 1 and 3600, not {store.lease_seconds}")
    elif store.password_env:
        raise ConfigError(f"{name}: [store] password_env is set but url is not; it is the PostgreSQL password")
    schedule = _build(ScheduleConfig, data.get("schedule", {}), f"{name}: [schedule]")
    fetch = _build(FetchConfig, data.get("fetch", {}), f"{name}: [fetch]")
    if fetch.concurrency < 1 or fetch.per_host_concurrency < 1:
        raise ConfigError(f"{name}: [fetch] concurrency and per_host_concurrency must be at least 1")
    if fetch.max_bytes < 1024:
        raise ConfigError(f"{name}: [fetch] max_bytes must be at least 1024")
    base_dir = source.parent if source else Path.cwd()

    raw_feeds = data.get("feeds", [])
    if not isinstance(raw_feeds, list):
        raise ConfigError(f"{name}: feeds must be an array of tables ([[feeds]])")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_feeds, 1):
        label = f"{name}: [[feeds]] #{index}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            label = f"{name}: [[feeds]] id {raw['id']!r}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{label} must be a table")
        for required in ("id", "url"):
            if required not in raw:
                raise ConfigError(f"{label}: missing required key {required!r}")
        feed = _build(FeedConfig, raw, label)
        if not FEED_ID.match(feed.id):
            raise ConfigError(f"{label}: id must match [a-z0-9-]+")
        if feed.id in seen:
            raise ConfigError(f"{label}: duplicate feed id {feed.id!r}")
        _check_url(label, feed.url, base_dir)
        _check_source_type(label, feed)
        seen.add(feed.id)
        feeds.append(replace(feed, url=resolve_local_url(feed.url, base_dir)))

    raw_alerts = dict(data.get("alerts", {})) if isinstance(data.get("alerts", {}), dict) else data.get("alerts")
    if not isinstance(raw_alerts, dict):
        raise ConfigError(f"{name}: [alerts] must be a table")
    raw_smtp = raw_alerts.pop("smtp", None)
    hook_secret_envs: tuple[tuple[str, str], ...] = ()
    if isinstance(raw_alerts.get("notify"), list):
        raw_alerts["notify"], hook_secret_envs = _notify_entries(name, raw_alerts["notify"])
    alerts = _build(AlertsConfig, raw_alerts, f"{name}: [alerts]", skip=("smtp",), rename={"from_": "from"})
    alerts = replace(alerts, hook_secret_envs=hook_secret_envs)
    for address in (*alerts.to, alerts.from_):
        if not EMAIL.match(address):
            raise ConfigError(f"{name}: [alerts] {address!r} is not an email address")
    for verdict in alerts.verdicts:
        if verdict not in VERDICTS:
            raise ConfigError(f"{name}: [alerts] verdicts: {verdict!r} is not one of {', '.join(VERDICTS)}")
    if alerts.mode not in ("immediate", "digest"):
        raise ConfigError(f'{name}: [alerts] mode must be "immediate" or "digest", not {alerts.mode!r}')
    for channel in alerts.notify:
        problem = channel_url_problem(channel)
        if problem:
            raise ConfigError(f"{name}: [alerts] notify: {problem}")
    if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", alerts.digest_time):
        raise ConfigError(f"{name}: [alerts] digest_time must be HH:MM, not {alerts.digest_time!r}")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(alerts.timezone)
    except Exception:
        raise ConfigError(f"{name}: [alerts] timezone {alerts.timezone!r} is not a known IANA time zone") from None
    if raw_smtp is not None:
        smtp = _build(SmtpConfig, raw_smtp, f"{name}: [alerts.smtp]")
        if not smtp.host.strip() or any(char.isspace() for char in smtp.host):
            raise ConfigError(f"{name}: [alerts.smtp] host {smtp.host!r} is not a host name")
        if smtp.security not in ("starttls", "tls", "none"):
            raise ConfigError(f"{name}: [alerts.smtp] security must be starttls, tls or none, not {smtp.security!r}")
        if not 0 < smtp.port < 65536:
            raise ConfigError(f"{name}: [alerts.smtp] port must be 1-65535")
        if smtp.username and not smtp.password_env:
            raise ConfigError(
                f"{name}: [alerts.smtp] username is set but password_env is not: name the environment "
                "variable that holds the password (the password never lives in this file)"
            )
        refusal = cleartext_login_refusal(smtp.host, smtp.security, smtp.username)
        if refusal:
            raise ConfigError(f"{name}: [alerts.smtp] {refusal}")
        if smtp.ca_file:
            smtp = replace(smtp, ca_file=str(_against(base_dir, smtp.ca_file)))
        alerts = replace(alerts, smtp=smtp)
    return Config(store=store, schedule=schedule, fetch=fetch, feeds=tuple(feeds), alerts=alerts, source=source)


def default_config_path() -> Path:
    return Path(os.environ.get("MONITOR_CONFIG", "config.toml"))


def load_config(path: str | Path | None = None) -> Config:
    """Read and validate a config file. A missing default file gives the built-in defaults."""
    explicit = path is not None or "MONITOR_CONFIG" in os.environ
    source = Path(path) if path is not None else default_config_path()
    if not source.exists():
        if explicit:
            raise ConfigError(f"{source}: config file not found")
        return Config(source=None)
    try:
        with source.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{source}: not UTF-8 text (byte {exc.start} is {exc.object[exc.start : exc.start + 1]!r}); "
            "save the file as UTF-8"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read the config ({exc.strerror})") from None
    return parse_config(data, source.resolve())

"""Every file of feedparser's own test corpus, served over local HTTP, fetched and parsed.

The corpus (``shared/corpus/feedparser-tests``, see its README) holds ~2,250 small feeds
that do odd things: broken XML, dozens of encodings, hostile HTML, HTTP status cases.
Each file must end as a parsed feed or as a ``parse_error`` — never as a crash or any
other error — except the ``http/`` status cases, which must end as their status says.

Files are served at ``/tests/<path>`` like upstream's harness, with the ``Header:`` lines
of their leading comment as response headers (``Status:`` sets the status; upstream's
``http://localhost:8097`` in ``Location`` is rewritten to this server). ``compression/``
files are served with ``Content-Encoding`` gzip (``.gz``) or deflate (``.z``).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from monitor.errors import FetchError
from monitor.feeds.fetch import FetchLimits, FetchResult, fetch, make_client
from monitor.feeds.parse import ParsedFeed
from monitor.feeds.pool import ParseJob, ParsePool
from tests.support.httpserver import LocalHTTPServer, Request

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "feedparser-tests"
UPSTREAM = re.compile(r"^http://(?:localhost|127\.0\.0\.1):8097")
HEADER_LINE = re.compile(r"^\s*Header:\s*([^:\s][^:]*):\s*(.*?)\s*$", re.M)
LIMITS = FetchLimits(connect_timeout=5, read_timeout=5, deadline_seconds=10, max_bytes=2_000_000)

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the feedparser test corpus is not at {CORPUS} (it lives in the shared folder next to the repository)",
)


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("README.md", "LICENSE"))


@cache
def declared_headers(path: Path) -> tuple[tuple[str, str], ...]:
    head = path.read_bytes()[:4096].decode("latin-1")
    comment = head.split("-->", 1)[0] if "<!--" in head else ""
    return tuple((name.strip(), value) for name, value in HEADER_LINE.findall(comment))


def expects_not_bozo(path: Path) -> bool:
    head = path.read_bytes()[:4096].decode("latin-1")
    match = re.search(r"^\s*Expect:\s*(.*)$", head, re.M)
    return bool(match and match.group(1).strip().startswith("not bozo"))


def corpus_handler(server: LocalHTTPServer):  # type: ignore[no-untyped-def]
    def serve(req: Request) -> None:
        if req.path == "/-/return-304.xml":
            req.send(304, b"", content_type=None)
            return
        relative = req.path.removeprefix("/tests/")
        path = (CORPUS / relative).resolve()
        if not path.is_relative_to(CORPUS.resolve()) or not path.is_file():
            req.send(404, b"not found", content_type="text/plain")
            return
        status = 200
        headers: dict[str, str] = {}
        for name, value in declared_headers(path):
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name.lower() == "location":
                headers["Location"] = UPSTREAM.sub(server.base_url, value)
            else:
                headers[name] = value
        if path.suffix == ".gz":
            headers["Content-Encoding"] = "gzip"
        elif path.suffix == ".z":
            headers["Content-Encoding"] = "deflate"
        lowered = {k.lower(): v for k, v in headers.items()}
        if (lowered.get("etag") and req.headers.get("if-none-match") == lowered["etag"]) or (
            lowered.get("last-modified") and req.headers.get("if-modified-since") == lowered["last-modified"]
        ):
            req.send(
                304,
                b"",
                {k: v for k, v in headers.items() if k.lower() in ("etag", "last-modified")},
                content_type=None,
            )
            return
        content_type = lowered.get("content-type")
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        req.send(
            status,
            path.read_bytes(),
            headers,
            content_type=content_type if content_type is not None else "application/xml",
        )

    return serve


@pytest.mark.timeout(120)
def test_every_corpus_file_ends_as_entries_or_a_parse_error() -> None:
    files = corpus_files()
    assert len(files) > 2000
    started = time.monotonic()
    server = LocalHTTPServer()
    server.fallback = corpus_handler(server)
    outcomes: dict[Path, str] = {}
    fetched: dict[Path, FetchResult] = {}
    with server, make_client(LIMITS, trust_env=False) as client, ParsePool(workers=2) as pool:
        for path in files:
            url = server.url("/tests/" + path.relative_to(CORPUS).as_posix())
            try:
                result = fetch(url, client=client, limits=LIMITS)
            except FetchError as exc:
                outcomes[path] = f"error:{exc.kind}:{exc.status}"
                continue
            if result.not_modified:
                outcomes[path] = "not_modified"
            else:
                fetched[path] = result
        fetch_seconds = time.monotonic() - started

        order = list(fetched)
        parsed = pool.parse_many([ParseJob(fetched[p].body or b"", fetched[p].headers, fetched[p].url) for p in order])
        for path, parse_result in zip(order, parsed):
            if isinstance(parse_result, ParsedFeed):
                outcomes[path] = "entries" if parse_result.entries else "empty_feed"
            else:
                outcomes[path] = f"error:{parse_result.kind}:{parse_result.status}"

        # The 304 case needs a second, conditional request.
        http_304 = CORPUS / "http" / "http_status_304.xml"
        first = fetched[http_304]
        again = fetch(first.url, client=client, limits=LIMITS, etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified

        moved = fetched[CORPUS / "http" / "http_status_301.xml"]
        assert moved.moved_to and moved.moved_to.endswith("/tests/http/target.xml")
        assert fetched[CORPUS / "http" / "http_status_302.xml"].moved_to is None
    elapsed = time.monotonic() - started

    def outcome(relative: str) -> str:
        return outcomes[CORPUS / relative]

    # HTTP status cases end as their status says.
    assert outcome("http/http_status_301.xml") == "entries"
    assert outcome("http/http_status_302.xml") == outcome("http/http_status_303.xml") == "entries"
    assert outcome("http/http_status_307.xml") == "entries"
    assert outcome("http/http_status_302-no-location.xml") == "error:http_status:302"
    assert outcome("http/http_status_404.xml") == "error:http_status:404"
    # A 304 to a request that sent no validators answers nothing asked: a failure, not 'unchanged'.
    assert outcome("http/http_redirect_to_304.xml") == "error:http_status:304"
    # Compressed bodies, including ones wrongly labelled as compressed.
    for name in ("gzip.gz", "deflate.z", "deflate-no-headers.z", "gzip-not-compressed.gz", "deflate-not-compressed.z"):
        assert outcome(f"compression/{name}") in ("entries", "empty_feed"), name

    # Everything else: a feed, or a parse error. Never a crash or another kind of failure.
    others = {p: o for p, o in outcomes.items() if p.parent.name != "http" or "wellformed" in p.parts}
    unexpected = {
        str(p.relative_to(CORPUS)): o
        for p, o in others.items()
        if o not in ("entries", "empty_feed", "error:parse_error:None")
    }
    assert not unexpected, unexpected
    assert len(outcomes) == len(files)

    # Quality, not just survival: files whose expectation is "not bozo" mostly stay so
    # through our HTTP layer (headers passed on, bodies decoded) with sanitising off.
    counts = Counter(outcomes.values())
    not_bozo_expected = [p for p in fetched if expects_not_bozo(p)]
    parsed_by_path = dict(zip(order, parsed))
    clean = [
        p for p in not_bozo_expected if isinstance(parsed_by_path.get(p), ParsedFeed) and not parsed_by_path[p].bozo
    ]  # type: ignore[union-attr]
    share = len(clean) / len(not_bozo_expected)
    print(
        f"\ncorpus: {len(files)} files in {elapsed:.1f}s (fetch {fetch_seconds:.1f}s); outcomes {dict(counts)}; "
        f"'not bozo' kept for {len(clean)}/{len(not_bozo_expected)} ({share:.1%})"
    )
    assert share > 0.95
    assert elapsed < 60

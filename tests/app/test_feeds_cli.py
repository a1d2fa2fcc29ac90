"""`monitor feeds …` run as the user runs it (a subprocess), against a real local site and real files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.support.local_site import OPML_ENTITY_BOMB, OPML_TWO_FEEDS, LocalSite

ROOT = Path(__file__).resolve().parents[2]


def monitor(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args], cwd=cwd, capture_output=True, text=True, input=stdin, timeout=60
    )


@pytest.fixture
def site(http_server) -> LocalSite:
    return LocalSite(http_server)


@pytest.fixture
def shipped_config(tmp_path: Path) -> Path:
    """The repository's own config.toml (comments, alignment, commented-out tables) with no host gap."""
    text = (ROOT / "config.toml").read_text()
    assert "per_host_gap_seconds = 1.0" in text
    path = tmp_path / "config.toml"
    path.write_text(text.replace("per_host_gap_seconds = 1.0", "per_host_gap_seconds = 0.0"))
    return path


def feeds_of(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text())["feeds"]


def test_add_from_a_home_page_keeps_every_other_byte(site: LocalSite, shipped_config: Path) -> None:
    before = shipped_config.read_text()
    done = monitor("feeds", "add", site.url("/"), "--outlet", "Harbour Watch", cwd=shipped_config.parent)
    assert done.returncode == 0, done.stderr
    assert "added feed harbour-watch" in done.stdout and "alternate link" in done.stdout
    after = shipped_config.read_text()
    block = f'[[feeds]]\nid = "harbour-watch"\nurl = "{site.url("/news/feed.xml")}"\noutlet = "Harbour Watch"\n\n'
    assert block in after
    assert after.replace(block, "", 1) == before  # comments, order and alignment untouched
    assert after.index(block) < after.index("[alerts]")  # beside the other feeds, not at the end
    # Removing it gives back the file as it was, byte for byte.
    done = monitor("feeds", "remove", "harbour-watch", cwd=shipped_config.parent)
    assert done.returncode == 0, done.stderr
    assert shipped_config.read_text() == before
    assert not list(shipped_config.parent.glob(".config.toml.*"))  # no temporary file left behind


def test_add_names_the_feed_from_its_title_and_lists_it(site: LocalSite, shipped_config: Path) -> None:
    done = monitor("feeds", "add", site.url("/blog/"), cwd=shipped_config.parent)
    assert done.returncode == 0, done.stderr
    assert feeds_of(shipped_config)[-1] == {
        "id": "harbour-watch-notes",
        "url": site.url("/blog/notes.json"),
        "outlet": "Harbour Watch notes",
    }
    listed = monitor("feeds", "list", "--json", cwd=shipped_config.parent)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows][-1] == "harbour-watch-notes"
    assert rows[-1]["status"] == "never polled" and rows[-1]["failures_in_row"] == 0
    assert not (shipped_config.parent / "monitor.db").exists()  # listing never creates a database


def test_a_url_with_no_feed_is_one_line_and_exit_2(http_server, shipped_config: Path) -> None:
    site = LocalSite(http_server, usual_path_feed=False)
    before = shipped_config.read_text()
    done = monitor("feeds", "add", site.url("/press/"), cwd=shipped_config.parent)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no feed found" in done.stderr and site.url("/press/") in done.stderr
    assert shipped_config.read_text() == before


def test_add_refuses_a_feed_already_followed_and_a_taken_id(site: LocalSite, shipped_config: Path) -> None:
    assert monitor("feeds", "add", site.url("/news/feed.xml"), cwd=shipped_config.parent).returncode == 0
    again = monitor("feeds", "add", site.url("/"), cwd=shipped_config.parent)  # discovers the same feed
    assert again.returncode == 2 and "already followed as feed 'harbour-watch'" in again.stderr
    taken = monitor("feeds", "add", site.url("/blog/"), "--id", "nknews", cwd=shipped_config.parent)
    assert taken.returncode == 2 and "'nknews' is taken" in taken.stderr


def test_remove_of_an_unknown_id_is_exit_2(shipped_config: Path) -> None:
    done = monitor("feeds", "remove", "no-such-feed", cwd=shipped_config.parent)
    assert done.returncode == 2 and "no feed with id 'no-such-feed'" in done.stderr


def test_an_edit_that_would_not_validate_is_never_written(site: LocalSite, shipped_config: Path) -> None:
    # A config already broken elsewhere: the loader's message, and the file as it was.
    broken = shipped_config.read_text().replace("max_redirects = 5", "max_redirects = -5")
    shipped_config.write_text(broken)
    done = monitor("feeds", "add", site.url("/news/feed.xml"), cwd=shipped_config.parent)
    assert done.returncode == 2 and "max_redirects must not be negative" in done.stderr
    assert shipped_config.read_text() == broken


def test_import_adds_what_is_new_and_says_what_it_skipped(site: LocalSite, shipped_config: Path) -> None:
    opml = shipped_config.parent / "list.opml"
    opml.write_text(OPML_TWO_FEEDS.format(feed=site.url("/news/feed.xml"), json=site.url("/blog/notes.json")))
    done = monitor("feeds", "import", str(opml), cwd=shipped_config.parent)
    assert done.returncode == 0, done.stderr
    assert "imported 2 source(s)" in done.stdout
    assert f"{site.url('/news/feed.xml')}: listed twice in the file (added as harbour-watch)" in done.stdout
    assert "file:///etc/passwd: not an http(s) URL" in done.stdout
    assert "A bookmark: no xmlUrl (not a feed)" in done.stdout
    added = feeds_of(shipped_config)[-2:]
    assert added == [
        {"id": "harbour-watch", "url": site.url("/news/feed.xml"), "outlet": "Harbour Watch"},
        {"id": "harbour-notes-json", "url": site.url("/blog/notes.json"), "outlet": "Harbour notes (JSON)"},
    ]
    again = monitor("feeds", "import", str(opml), cwd=shipped_config.parent)
    assert "imported 0 source(s)" in again.stdout and "already followed as harbour-watch" in again.stdout


def test_import_refuses_entity_declarations(shipped_config: Path) -> None:
    bomb = shipped_config.parent / "bomb.opml"
    bomb.write_text(OPML_ENTITY_BOMB)
    before = shipped_config.read_text()
    done = monitor("feeds", "import", str(bomb), cwd=shipped_config.parent)
    assert done.returncode == 2 and "DOCTYPE or ENTITY" in done.stderr and done.stderr.count("\n") == 1
    assert shipped_config.read_text() == before


def test_export_round_trips_through_import(shipped_config: Path, tmp_path: Path) -> None:
    text = shipped_config.read_text().replace(
        '[[feeds]]\nid = "dailynk"',
        '[[feeds]]\nid = "ministry"\nurl = "https://mfa.example/press/"\n'
        'type = "page"\nitem_selector = "main ul a"\n\n[[feeds]]\nid = "dailynk"',
    )
    shipped_config.write_text(text)
    exported = monitor("feeds", "export", cwd=shipped_config.parent)
    assert exported.returncode == 0, exported.stderr
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "config.toml").write_text("# a new desk\n")
    done = monitor("feeds", "import", "-", cwd=fresh, stdin=exported.stdout)
    assert done.returncode == 0, done.stderr
    keys = ("id", "url", "outlet", "type", "item_selector")
    original = [{k: f.get(k) for k in keys} for f in feeds_of(shipped_config)]
    imported = [{k: f.get(k) for k in keys} for f in feeds_of(fresh / "config.toml")]
    assert imported == original
    assert (fresh / "config.toml").read_text().startswith("# a new desk\n")
    assert monitor("feeds", "export", cwd=fresh).stdout.split("<body>")[1] == exported.stdout.split("<body>")[1]


def test_readme_feeds_commands_run_from_the_repo_root(tmp_path: Path) -> None:
    """`monitor feeds list` and `monitor feeds export` as the README shows them, on the shipped config."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy(ROOT / "config.toml", checkout / "config.toml")
    listed = monitor("feeds", "list", cwd=checkout)
    assert listed.returncode == 0 and "yonhap-nk" in listed.stdout
    exported = monitor("feeds", "export", cwd=checkout)
    assert exported.returncode == 0 and "https://en.yna.co.kr/RSS/nk.xml" in exported.stdout


def test_add_page_follows_a_page_with_no_feed(http_server, shipped_config: Path) -> None:
    site = LocalSite(http_server, usual_path_feed=False)
    refused = monitor("feeds", "add", site.url("/press/"), cwd=shipped_config.parent)
    assert refused.returncode == 2 and 'page source (type = "page")' in refused.stderr
    none = monitor(
        "feeds", "add", site.url("/press/"), "--page", "--item-selector", "table a", cwd=shipped_config.parent
    )
    assert none.returncode == 2 and "no link matches --item-selector 'table a'" in none.stderr
    done = monitor(
        "feeds", "add", site.url("/press/"), "--page", "--item-selector", "ul.releases a", cwd=shipped_config.parent
    )
    assert done.returncode == 0, done.stderr
    assert "added page source press-releases" in done.stdout and "3 item links" in done.stdout
    assert feeds_of(shipped_config)[-1] == {
        "id": "press-releases",
        "url": site.url("/press/"),
        "outlet": "Press releases",
        "type": "page",
        "item_selector": "ul.releases a",
    }


MALFORMED_URLS = [
    ("http://[::1/feed", "not a valid URL (Invalid IPv6 URL)"),
    ("http://127.0.0.1:99999/feed", "not a valid URL (Port out of range 0-65535)"),
    ("https://news.example:rss/feed", "not a valid URL (Port could not be cast to integer value as 'rss')"),
    ("http://news .example/feed", "a space or control character in its host"),
]


@pytest.mark.parametrize("url, reason", MALFORMED_URLS)
def test_a_malformed_url_is_one_line_in_the_config_feeds_add_and_import(
    shipped_config: Path, url: str, reason: str
) -> None:
    """A bracket left open, a port past 65535 or a word where the port goes, a space in the
    host: each is named where it is typed, not left to a traceback or to every poll."""
    before = shipped_config.read_text()
    added = monitor("feeds", "add", url, cwd=shipped_config.parent)
    assert added.returncode == 2 and added.stderr == f"monitor: {url}: {reason}\n", added.stderr

    opml = shipped_config.parent / "odd.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="Odd" xmlUrl="{url}"/></body></opml>')
    imported = monitor("feeds", "import", str(opml), cwd=shipped_config.parent)
    assert imported.returncode == 0, imported.stderr
    assert "imported 0 source(s)" in imported.stdout and f"  {url}: {reason}" in imported.stdout
    assert shipped_config.read_text() == before

    shipped_config.write_text(before + f'\n[[feeds]]\nid = "odd"\nurl = "{url}"\n')
    loaded = monitor("events", cwd=shipped_config.parent)
    assert loaded.returncode == 2
    assert loaded.stderr == f"monitor: bad config: config.toml: [[feeds]] id 'odd': url {url!r}: {reason}\n"


@pytest.mark.timeout(120)
def test_a_reader_export_of_thousands_of_feeds_imports_in_seconds(shipped_config: Path) -> None:
    """Each outline was compared with every feed before it, both URLs canonicalised each
    time: 1,000 feeds took 17 s and 20,000 would take hours. Duplicates are still found."""
    outlines = [f'<outline text="Wire {n}" xmlUrl="https://wire{n}.example.org/feed.xml"/>' for n in range(2000)]
    outlines.append('<outline text="Again" xmlUrl="https://WIRE7.example.org/feed.xml/"/>')
    outlines.append('<outline text="Known" xmlUrl="https://www.nknews.org/feed"/>')
    opml = shipped_config.parent / "reader.opml"
    opml.write_text(f'<opml version="2.0"><body>{"".join(outlines)}</body></opml>')
    started = time.monotonic()
    done = monitor("feeds", "import", str(opml), cwd=shipped_config.parent)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert "imported 2000 source(s)" in done.stdout
    assert "https://WIRE7.example.org/feed.xml/: listed twice in the file (added as wire-7)" in done.stdout
    assert "https://www.nknews.org/feed: already followed as nknews" in done.stdout
    assert len(feeds_of(shipped_config)) == 5 + 2000
    assert took < 30, f"{took:.1f} s"


def test_remove_takes_the_feeds_own_comment_and_leaves_the_next_ones(shipped_config: Path) -> None:
    """tomlkit gives the comment above a table to the table before it: removing a feed deleted
    the next feed's comment and left its own, now above the wrong feed."""
    shipped = shipped_config.read_text()
    feeds = (
        '\n# Harbour wire: only the port calls\n[[feeds]]\nid = "harbour"\nurl = "https://harbour.example.org/rss"\n'
        '\n# Eastern desk, slow at weekends\n[[feeds]]   # keep\nid = "eastern"\n'
        'url = "https://eastern.example.org/rss"  # the mirror\n'
    )
    shipped_config.write_text(shipped + feeds)
    done = monitor("feeds", "remove", "harbour", cwd=shipped_config.parent)
    assert done.returncode == 0, done.stderr
    assert shipped_config.read_text() == shipped + feeds[feeds.index("\n# Eastern") :]
    done = monitor("feeds", "remove", "eastern", cwd=shipped_config.parent)
    assert done.returncode == 0, done.stderr
    assert shipped_config.read_text() == shipped.rstrip("\n") + "\n"
    assert [feed["id"] for feed in feeds_of(shipped_config)] == [feed["id"] for feed in tomllib.loads(shipped)["feeds"]]


def test_remove_from_a_config_of_twenty_thousand_feeds_is_quick(tmp_path: Path) -> None:
    """tomlkit read the whole file to take one table out: 4 s of CPU for 20,000 feeds."""
    import resource

    tables = "".join(f'\n[[feeds]]\nid = "f{n}"\nurl = "https://w{n}.example.org/feed.xml"\n' for n in range(20_000))
    (tmp_path / "config.toml").write_text('[store]\npath = "monitor.db"\n' + tables)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = monitor("feeds", "remove", "f123", cwd=tmp_path)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 2.5, f"{cpu:.1f} s of CPU"  # CPU, not wall time: other work on the machine does not count
    assert len(feeds_of(tmp_path / "config.toml")) == 19_999
    assert 'id = "f123"' not in (tmp_path / "config.toml").read_text()


def test_list_shows_what_the_poller_gave_up_and_retry_brings_it_back(site: LocalSite, tmp_path: Path) -> None:
    """A page source's given-up link and a feed disabled by a 410 are discoverable in `feeds list`
    (count, note, JSON) and `feeds retry` brings each back, by id or by the link itself."""
    from datetime import timedelta

    from monitor.feeds.poller import poll_feeds
    from tests.support.poll_support import START, CountingParser, open_test_app, write_config

    site.add_release(104, broken=True)
    site.server.route("/gone.xml", lambda req: req.send(410, b"gone", content_type="text/plain"))
    config = write_config(
        tmp_path,
        {"ministry": site.url("/press/"), "gone": site.url("/gone.xml")},
        feed_extra={"ministry": {"type": "page", "outlet": "Ministry"}},
    )
    with open_test_app(config) as app:
        for hours in (0, 0.1, 7, 32):  # the broken link's four failures, each at its due time
            poll_feeds(app, list(app.config.feeds), parser=CountingParser(), now=START + timedelta(hours=hours))
    link = site.url("/press/104.html")

    listed = monitor("feeds", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    header, *lines = listed.stdout.splitlines()
    assert header.split("\t")[-1] == "links given up"
    assert {line.split("\t")[0]: line.split("\t")[-1] for line in lines} == {"ministry": "1", "gone": ""}
    assert f"feed ministry: 1 article link(s) given up, e.g. {link}; `monitor feeds retry ministry`" in listed.stderr
    assert "feed gone: disabled: the server said gone (HTTP 410); `monitor feeds retry gone`" in listed.stderr
    rows = {row["id"]: row for row in json.loads(monitor("feeds", "list", "--json", cwd=tmp_path).stdout)}
    [given_up] = rows["ministry"]["given_up_links"]
    assert (given_up["url"], given_up["failures"]) == (link, 4) and given_up["reason"]
    assert rows["gone"]["status"] == "disabled"

    retried = monitor("feeds", "retry", link, cwd=tmp_path)
    assert retried.returncode == 0, retried.stderr
    assert retried.stdout == f"feed ministry: 1 article link fetched again at its next poll ({link})\n"
    retried = monitor("feeds", "retry", "gone", cwd=tmp_path)
    assert retried.stdout.startswith(f"feed gone: {site.url('/gone.xml')} is polled again")
    again = monitor("feeds", "retry", "ministry", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.startswith("nothing to retry: feed ministry")
    unknown = monitor("feeds", "retry", "no-such-feed", cwd=tmp_path)
    assert unknown.returncode == 2 and unknown.stderr.startswith("monitor: 'no-such-feed' is no feed id")
    after = monitor("feeds", "list", cwd=tmp_path)
    assert after.stderr == "" and "\tnew\t" in after.stdout

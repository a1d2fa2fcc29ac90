"""monitor.feeds.entries: canonical links, identity, HTML to text, normalisation, revisions."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.feeds import entries
from monitor.feeds.entries import (
    Entry,
    article_id,
    canonical_link,
    canonical_tokens,
    content_fingerprint,
    describe_change,
    html_to_text,
    identity_key,
    materially_changed,
    normalise_entry,
)

FIRST_SEEN = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


# -- canonical links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTPS://Example.COM/News/1", "https://example.com/News/1"),  # path case is kept
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com./a#comments", "https://example.com/a"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=X&gclid=Y&mc_cid=1&mc_eid=2&UTM_Campaign=z", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1&b=1", "https://example.com/a?a=1&b=2&b=1"),  # sorted, stable
        ("https://example.com/a?id=7&_=1765112233445", "https://example.com/a?id=7"),  # jQuery's cache-buster
        ("https://example.com/a?cb=x1&nocache=1&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?id=7&v=1765112233&ts=1765112233.25", "https://example.com/a?id=7"),  # time stamps
        ("https://example.com/a?id=7&v=9f86d081884c7d65", "https://example.com/a?id=7"),  # a random hex token
        ("https://example.com/a?v=2", "https://example.com/a?v=2"),  # a version names the content
        ("https://video.example/watch?v=Zq3uK8pWm1A", "https://video.example/watch?v=Zq3uK8pWm1A"),  # an id
        ("https://example.com/a?t=90", "https://example.com/a?t=90"),
        ("https://example.com/a?q=%E2%9C%93&x", "https://example.com/a?q=%E2%9C%93&x"),
        ("  https://example.com/a?&&  ", "https://example.com/a"),
        ("tag:example.com,2024:1", "tag:example.com,2024:1"),
        ("/relative/path", "/relative/path"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("", ""),
    ],
)
def test_canonical_link(url: str, expected: str) -> None:
    assert canonical_link(url) == expected


def test_canonical_link_is_idempotent() -> None:
    for url in ("HTTPS://Example.COM:443/a?utm_x=1&b=2&a=1#f", "http://x.org"):
        once = canonical_link(url)
        assert canonical_link(once) == once


# -- identity -------------------------------------------------------------------------------


def test_identity_prefers_guid_then_link_then_hash() -> None:
    assert identity_key({"guid": "abc-1", "link": "https://x.org/1"}) == "guid:abc-1"
    assert identity_key({"guid": "https://X.org/?p=1&utm_source=a"}) == "link:https://x.org/?p=1"
    assert identity_key({"guid": "  ", "link": "https://x.org/1#c"}) == "link:https://x.org/1"
    hashed = identity_key({"title": "T", "published": "2024-01-01T00:00:00Z"})
    assert hashed.startswith("hash:") and hashed != identity_key({"title": "T", "published": "2024-01-02T00:00:00Z"})
    # Untitled, undated entries are told apart by their text.
    assert identity_key({"summary": "one"}) != identity_key({"summary": "two"})


def test_article_id_scoping() -> None:
    by_link = {"link": "https://x.org/story?utm_source=a"}
    assert article_id(by_link, "feed-a") == article_id({"link": "https://x.org/story"}, "feed-b")  # global
    by_guid = {"guid": "1234"}
    assert article_id(by_guid, "feed-a") != article_id(by_guid, "feed-b")  # opaque guids are per feed
    assert len(article_id(by_guid, "feed-a")) == 32
    assert article_id({"key": "guid:1234"}, "feed-a") == article_id(by_guid, "feed-a")
    # A non-permalink guid is still the id, even when the link changes.
    assert article_id({"guid": "1234", "link": "https://x.org/old"}, "f") == article_id(
        {"guid": "1234", "link": "https://x.org/new"}, "f"
    )


# -- HTML to text ---------------------------------------------------------------------------


def test_html_to_text_basics() -> None:
    html = (
        "<p>Hello&nbsp;<b>world</b> &amp; friends</p><script>alert('x')</script>"
        "<style>p { color: red }</style><div>Second<br/>line</div>"
        "<ul><li>one</li><li>two</li></ul><p>caf&eacute; &#8217;quote&#x2019;</p>"
    )
    assert html_to_text(html) == "Hello world & friends\n\nSecond\nline\n\none\ntwo\n\ncafé ’quote’"


@pytest.mark.parametrize(
    "html, expected",
    [
        ("", ""),
        (None, ""),
        ("plain text &amp; entity", "plain text & entity"),
        ("a < b and c > d", "a < b and c > d"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("<p>x</p><!-- a comment --><p>y</p>", "x\n\ny"),
        ("<p>x<!-- never closed", "x"),
        ("<SCRIPT type='text/javascript'>document.write('no')</SCRIPT>yes", "yes"),
        ("<script>never closed <p>hidden</p>", ""),
        ("<noscript><img src=x></noscript><iframe src='http://evil'>inner</iframe>ok", "ok"),
        ("<img src=x onerror=alert(1)>text", "text"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("  lots   of \n\n  space\u200b here\u00a0 ", "lots of space here"),
        ("<p>  </p><p></p><p>only</p>", "only"),
        ("<![CDATA[x]]>y", "y"),
    ],
)
def test_html_to_text_cases(html: str | None, expected: str) -> None:
    assert html_to_text(html) == expected


def test_html_to_text_on_a_large_hostile_fragment_is_quick() -> None:
    import time

    html = "<div>" * 20000 + "<p>deep</p>" + "</div>" * 20000 + "&amp;" * 20000
    started = time.monotonic()
    text = html_to_text(html)
    assert text.startswith("deep") and time.monotonic() - started < 2


# -- normalise_entry ------------------------------------------------------------------------


def raw(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "guid": None,
        "link": None,
        "title": None,
        "title_type": "text/plain",
        "author": None,
        "published": None,
        "updated": None,
        "content": None,
        "content_type": None,
        "summary": None,
        "summary_type": None,
    }
    base.update(fields)
    return base


def test_normalise_entry_full() -> None:
    entry = normalise_entry(
        raw(
            guid="id-1",
            link="https://Example.org/a?utm_source=x",
            title="  Shells\n for  Russia ",
            author=" Kim ",
            published="2024-04-30T08:00:00Z",
            updated="2024-04-30T09:00:00Z",
            content="<p>Full <b>text</b>.</p><script>x()</script>",
            content_type="text/html",
            summary="Short",
            summary_type="text/html",
        ),
        feed_id="wire",
        first_seen=FIRST_SEEN,
    )
    assert isinstance(entry, Entry)
    assert entry.title == "Shells for Russia" and entry.author == "Kim"
    assert entry.link == "https://Example.org/a?utm_source=x" and entry.canonical_link == "https://example.org/a"
    assert entry.published == "2024-04-30T08:00:00Z" and not entry.published_missing
    assert entry.updated == "2024-04-30T09:00:00Z"
    assert entry.text == "Full text." and entry.text_source == "content"
    assert entry.id_source == "guid" and entry.article_id == article_id({"guid": "id-1"}, "wire")
    assert entry.content_hash == content_fingerprint("Full text.") and entry.title_hash == content_fingerprint(
        "Shells for Russia"
    )
    assert entry.to_dict()["article_id"] == entry.article_id
    with pytest.raises(FrozenInstanceError):
        entry.title = "changed"  # type: ignore[misc]


def test_normalise_entry_falls_back() -> None:
    entry = normalise_entry(
        raw(link="https://x.org/1", summary="Plain &amp; simple", summary_type="text/plain"),
        feed_id="f",
        first_seen=FIRST_SEEN + timedelta(hours=9),
    )
    assert entry.published == "2024-05-01T21:00:00Z" and entry.published_missing
    assert entry.text == "Plain & simple" and entry.text_source == "summary"
    assert entry.title == "" and entry.id_source == "link"
    only_updated = normalise_entry(raw(guid="g", updated="2024-01-01T00:00:00Z"), feed_id="f", first_seen=FIRST_SEEN)
    assert only_updated.published == "2024-01-01T00:00:00Z" and not only_updated.published_missing
    empty = normalise_entry(raw(), feed_id="f", first_seen=FIRST_SEEN)
    assert empty.text == "" and empty.text_source == "none" and empty.id_source == "hash"


def test_normalise_entry_html_title_and_naive_time() -> None:
    entry = normalise_entry(
        raw(guid="g", title="<b>Bold</b> &amp; <i>brave</i>", title_type="text/html"),
        feed_id="f",
        first_seen=FIRST_SEEN,
    )
    assert entry.title == "Bold & brave"
    with pytest.raises(ValueError):
        normalise_entry(raw(guid="g"), feed_id="f", first_seen=datetime(2024, 1, 1))


# -- revisions ------------------------------------------------------------------------------

OLD = "<p>North Korea has sent 1,000 shells to Russia.</p><p>Officials confirmed the shipment on May 5, 2024.</p>"


@pytest.mark.parametrize(
    "new",
    [
        OLD,
        OLD.replace("<p>", "<div>").replace("</p>", "</div>"),  # markup only
        "North   Korea has sent 1,000 shells to Russia.\n\n\nOfficials confirmed the shipment on May 5, 2024.",
        OLD.replace("1,000", "1000"),  # number formatting
        OLD.replace("North Korea", "NORTH KOREA"),  # case
        OLD.replace("Russia.", "Russia!"),  # punctuation
        OLD + "<p>Updated: May 6, 2024 14:05 GMT</p>",  # a time stamp line
        OLD + "<p>Last updated 3 hours ago</p>",
        "Updated 10:32 KST. " + OLD,
        OLD.replace("Korea has", "Korea\u00a0has").replace("Russia", "Rus\u00adsia"),  # nbsp, soft hyphen
    ],
)
def test_not_material(new: str) -> None:
    assert not materially_changed("Title", OLD, "Title", new)
    assert content_fingerprint(OLD) == content_fingerprint(new)


@pytest.mark.parametrize(
    "new",
    [
        OLD.replace("1,000", "1,500"),  # a figure
        OLD.replace("1,000", "10,000"),
        OLD.replace("May 5", "May 15"),  # a date in the text is content
        OLD.replace("shells", "missiles"),  # a word
        OLD.replace("has sent", "has not sent"),  # a negation
        OLD + "<p>Russia denied the report.</p>",  # a sentence added
        OLD.replace("<p>Officials confirmed the shipment on May 5, 2024.</p>", ""),  # a sentence removed
    ],
)
def test_material(new: str) -> None:
    assert materially_changed("Title", OLD, "Title", new)
    assert content_fingerprint(OLD) != content_fingerprint(new)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("UPDATED: May 6, 2024 14:05 GMT: 1,000,000 shells", ["1000000", "shells"]),
        ("An hour ago and a minute ago, 12 hours ago", ["and"]),
        ("Posted at 9:30 p.m. EST by Lee; edited 2024-05-05", ["by", "lee"]),
        ("2024-05-05T10:00:00Z 5,000,000,000 and 1,2,345 and 12,34", ["5000000000", "and", "1,2345", "and", "12,34"]),
        ("Last modified on 5 May 2024 at 10:00 +0900 from Pyongyang", ["from", "pyongyang"]),
        (
            "\u0663 hours ago, \u0661\u0662:\u0660\u0665 UTC, \u0661,\u0660\u0660\u0660 shells",
            ["\u0661\u0660\u0660\u0660", "shells"],
        ),
        ("apple pie emu 3 lamps", ["apple", "pie", "emu", "3", "lamps"]),
    ],
)
def test_canonical_tokens_drop_time_stamps_and_thousands_separators(text: str, tokens: list[str]) -> None:
    """Pinned: stored content hashes are these tokens' digests, so any change re-revises every article."""
    assert canonical_tokens(text) == tokens


def both_passes(text: str) -> list[str]:
    """canonical_tokens as it was before texts without digits or "ago" skipped the two passes."""
    import unicodedata

    if entries._TAG_HINT.search(text):
        text = html_to_text(text)
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return entries._TOKEN.findall(entries._THOUSANDS.sub(r"\1", entries._TIMESTAMP.sub(" ", text).casefold()))


@pytest.mark.parametrize(
    "text",
    [
        OLD,
        "Officials said talks went well AGO Ago aGo",
        "Rail wagons crossed; talks\u2003ago; x\tAgo",  # "ago" inside a word, after other spaces
        "Think\u2019s U.S. officials, and co,op partners; a day ago",
        "The \u216b battalion and the \u4e00 line; \u0663\u0663 units",  # a Roman numeral, a CJK one, Arabic digits
        "An hour ago and a minute ago",
        "Tokens without figures: an hour later, a week on, minutes of the meeting",
        "\u212a\u00df STRASSE caf\u00e9 \u2019quoted\u2018 words",  # Kelvin sign, sharp s
        "\uff11\uff12:\uff10\uff15 fullwidth clock and \u00b2 squared",  # NFKC makes these digits
        "Updated an hour ago",
        "Published: May 5, 2024",
        "<p>Shells &amp; rockets</p><p>Updated 10:32 KST</p>",
        "<p>No figure here, nor a stamp</p><ul><li>one</li><li>two</li></ul>",
    ],
)
def test_canonical_tokens_skip_the_time_stamp_passes_only_when_they_change_nothing(text: str) -> None:
    fast = canonical_tokens(text)
    assert fast == both_passes(text)


def test_title_changes_count() -> None:
    assert materially_changed("Russia gets shells", OLD, "Russia gets rockets", OLD)
    assert not materially_changed("Russia gets shells", OLD, "  russia gets shells ", OLD)


def test_describe_change() -> None:
    edits = describe_change(OLD, OLD.replace("1,000", "1,500") + " Russia denied it.")
    assert {"removed": "1000", "added": "1500"} in edits
    assert any(e["added"] == "russia denied it" for e in edits)


# -- HTML to text: plain markup skips html.parser --------------------------------------------


def parsed_by_html_parser(markup: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(entries, "_plain_markup_pieces", lambda _markup: None)
        return html_to_text(markup)


PLAIN_MARKUP = [
    "<p>Shells &amp; rockets <a href=\"/x?a=1&amp;b=2\" title='t'>link</a> <strong>now</strong></p>",
    "<P CLASS=lead>Upper case</P><br/><br /><UL><li>one<li>two</UL>",
    "<table><tr><td>a</td><th>b</th></tr></table>text&#8217;s &nbsp;end &unknown; &amp",
    '<div data-x="1" hidden><img src=/a.jpg alt=""><span>in</span></div>tail',
    "<p>\u00a0spaced\u2003out\u200b text</p>\n\n<p>second</p>",
]
NOT_PLAIN_MARKUP = [
    "<p>a < b and c > d</p>",  # a "<" in text
    "<p>before<!-- note -->after</p>",  # a comment
    "<p>x<script>var a = '<b>';</script>y</p>",  # a raw-text element
    "<p>x<iframe src=a>hidden</iframe>y</p>",  # a skipped element
    '<p title="a > b">quoted bracket</p>',  # a ">" inside an attribute value
    "<p\u00a0class=x>nbsp in a tag</p>",  # html.parser reads one long tag name here
    "<o:p>Word markup</o:p><my-tag>custom</my-tag>",  # names with ':' and '-'
    "<p class = 'spaced'>spaced attribute</p>",
    "</p class=x>end tag with an attribute<p>",
    "<textarea><b>raw</b></textarea>",
    "<p>unclosed <b",
]


@pytest.mark.parametrize("markup", PLAIN_MARKUP)
def test_plain_markup_is_read_without_html_parser_to_the_same_text(
    markup: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert entries._plain_markup_pieces(markup) is not None
    assert html_to_text(markup) == parsed_by_html_parser(markup, monkeypatch)


@pytest.mark.parametrize("markup", NOT_PLAIN_MARKUP)
def test_other_markup_goes_to_html_parser(markup: str) -> None:
    assert entries._plain_markup_pieces(markup) is None


def test_plain_markup_reads_the_feedparser_corpus_as_html_parser_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entry field with markup in ~2,250 feeds: the same text either way; and every
    field's revision tokens are the same whether the time-stamp passes are skipped or not."""
    from monitor.feeds.parse import parse_feed

    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "feedparser-tests"
    if not corpus.is_dir():
        pytest.skip(f"the feedparser test corpus is not at {corpus}")
    compared = plain = 0
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        try:
            parsed = parse_feed(path.read_bytes(), {}, "http://example.org/" + path.name)
        except Exception:  # noqa: BLE001 - feeds the parser refuses hold no entries to compare
            continue
        for raw in parsed.entries:
            for field in ("title", "summary", "content"):
                markup = raw.get(field)
                if isinstance(markup, str):
                    assert canonical_tokens(markup) == both_passes(markup), (path, field)
                if isinstance(markup, str) and "<" in markup:
                    compared += 1
                    plain += entries._plain_markup_pieces(markup) is not None
                    assert html_to_text(markup) == parsed_by_html_parser(markup, monkeypatch), (path, field)
    assert compared > 1000 and plain > compared // 2

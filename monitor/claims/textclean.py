"""Turn an article as captured (plain text or HTML) into text the claims engine can read.

The claims contract asks for evidence "as it stands in the input text, and its character
offsets". So cleaning never moves characters around. :func:`clean` returns two strings of
the same length:

* ``source`` — the text spans index. For plain-text input it *is* the input string, so
  ``text[start:end]`` is the evidence exactly. For HTML input it is the text extracted from
  the markup (offsets into raw HTML would be meaningless to a reader).
* ``work`` — what the extractor matches against: ``source`` with every page-residue line
  (menus, "Load More", bylines, share counters, captions...) blanked to spaces and curly
  quotes, dashes and odd spaces folded one-for-one to their ASCII forms.

Because the mapping between the two is the identity, an offset found in ``work`` is already
an offset into ``source``; no index table has to be carried around or kept in sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from monitor.claims import casefold

__all__ = [
    "CleanText",
    "HtmlDocument",
    "clean",
    "extract_html",
    "html_to_text",
    "is_residue_line",
    "looks_like_html",
    "normalise_chars",
]

# One-for-one folds only: each key and value is a single code point, so lengths never change.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\t": " ",
        "\r": " ",
        "\x0b": " ",
        "\x0c": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u2026": ".",
        # Letters that Python's case-insensitive matching takes for ASCII ones: a pattern for
        # "third" matches "th\u0131rd", and the word then misses every table keyed in ASCII
        # (a KeyError on "a th\u0131rd of", seen on real-looking text). "\u0130".lower() is two
        # code points, which would also shift every offset taken from a lowered copy.
        "\u0131": "i",
        "\u0130": "I",
        "\u017f": "s",
        "\u212a": "K",
    }
)


_FOLD_CHARS = {chr(code): value for code, value in _FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, sorted(_FOLD_CHARS))) + "]")


def normalise_chars(text: str) -> str:
    """Fold typographic quotes, dashes and spaces to ASCII, one code point for one."""
    if text.isascii():
        return text.translate(_FOLD)  # CPython's ASCII fast path
    # str.translate looks every character up in the table once the text has one non-ASCII
    # character (~0.25 us each); one regex pass touches only the characters to fold, ~6x faster.
    return _FOLDABLE.sub(_fold_one, text)


def _fold_one(m: re.Match[str]) -> str:
    return _FOLD_CHARS[m.group()]


# --- HTML ----------------------------------------------------------------------------------

# A document, or at least two real tags: "a < b" or "<3" in prose is not markup.
_HTML_HINT = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<article[\s>]"
    r"|<(?:p|div|span|a|br|h[1-6]|li|ul|section|meta|script|table|em|strong|b|i)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_TAG_COUNT = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def looks_like_html(text: str) -> bool:
    """True for markup: a document prologue, or real tags that recur."""
    head = text[:4096]
    if not _HTML_HINT.search(head):
        return False
    lowered = head.lstrip().lower()
    if lowered.startswith(("<!doctype", "<html", "<?xml")):
        return True
    return len(_TAG_COUNT.findall(text, 0, 20000)) >= 2


_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "figcaption",
        "object",
        "canvas",
        "video",
        "audio",
        "menu",
    }
)
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "thead",
        "tbody",
        "blockquote",
        "pre",
        "hr",
        "figure",
        "address",
        "details",
        "summary",
        "body",
        "html",
        "title",
        "td",
        "th",
    }
)
_PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "parsely-pub-date",
        "sailthru.date",
    }
)
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True)
class HtmlDocument:
    """What an HTML page yields: its readable text, its headline and a publication date."""

    text: str
    title: str | None
    published: str | None  # as written in the page (ISO-ish); the caller parses it


class _TextCollector(HTMLParser):
    """Collects block-separated text; keeps <article>/<main> apart so the body wins over chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_depth = 0
        self._stack: list[str] = []
        # How many of each tag are open: an end tag with none open is ignored without searching the stack,
        # which on a page of 20,000 unclosed tags and as many stray end tags took seconds.
        self._open: dict[str, int] = {}
        self._parts: list[str] = []
        self._region_parts: dict[str, list[str]] = {"article": [], "main": []}
        self._region_depth = {"article": 0, "main": 0}
        self._in_title = False
        self._in_h1 = False
        self.title_text: list[str] = []
        self.h1_text: list[str] = []
        self.meta_title: str | None = None
        self.published: str | None = None

    # Each piece of text goes to the whole page and to any region it sits in.
    def _emit(self, piece: str) -> None:
        self._parts.append(piece)
        for region, depth in self._region_depth.items():
            if depth:
                self._region_parts[region].append(piece)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag == "time" and self.published is None:
            value = dict(attrs).get("datetime")
            if value:
                self.published = value
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self._skip_depth:
                self._emit("\n")
            return
        self._stack.append(tag)
        self._open[tag] = self._open.get(tag, 0) + 1
        if tag in _SKIP_TAGS or self._skip_depth:
            self._skip_depth += 1
            return
        if tag in self._region_depth:
            self._region_depth[tag] += 1
        if tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        elif tag in ("br", "hr") and not self._skip_depth:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or not self._open.get(tag):
            return
        # Close everything opened after ``tag`` too: real pages leave <p> and <li> unclosed.
        for _ in range(len(self._stack)):
            open_tag = self._stack.pop()
            self._open[open_tag] -= 1
            if self._skip_depth:
                self._skip_depth -= 1
            else:
                if open_tag in self._region_depth and self._region_depth[open_tag]:
                    self._region_depth[open_tag] -= 1
                if open_tag == "title":
                    self._in_title = False
                elif open_tag == "h1":
                    self._in_h1 = False
                if open_tag in _BLOCK_TAGS:
                    self._emit("\n\n")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            self.title_text.append(data)
            return  # the <title> repeats the headline plus the site name; not body text
        if self._in_h1:
            self.h1_text.append(data)
        self._emit(data)

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if not content:
            return
        if key in ("og:title", "twitter:title") and self.meta_title is None:
            self.meta_title = content.strip()
        elif key in _PUBLISHED_META and self.published is None:
            self.published = content.strip()

    def region_text(self) -> str:
        body = "".join(self._parts)
        for region in ("article", "main"):
            text = "".join(self._region_parts[region])
            # A region only wins when it holds the story, not a teaser card.
            if len(text.strip()) >= 200:
                return text
        return body


def _tidy_blocks(raw: str) -> str:
    """Collapse HTML whitespace inside blocks; one blank line between blocks."""
    blocks = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [_WS.sub(" ", line).strip() for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def extract_html(html: str) -> HtmlDocument:
    """Readable text, headline and publication date from an HTML page (stdlib parser)."""
    collector = _TextCollector()
    # After the last ">" no tag can be complete, and html.parser, closing, reads each "<" there to the end of
    # the input again before giving it up as text: a page cut off in a run of "<a " took minutes. It is text.
    last = html.rfind(">")
    if "<" in html[last + 1 :]:
        html = html[: last + 1] + html[last + 1 :].replace("<", "&lt;")
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup; keep what it read
        pass
    text = _tidy_blocks(collector.region_text())
    title = " ".join("".join(collector.h1_text).split()) or collector.meta_title
    if not title:
        title = " ".join("".join(collector.title_text).split()) or None
    return HtmlDocument(text=text, title=title or None, published=collector.published)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page, blocks separated by blank lines."""
    return extract_html(html).text


# --- page residue ----------------------------------------------------------------------------

_RESIDUE_EXACT = frozenset(
    s.lower()
    for s in (
        "load more",
        "loading",
        "loading...",
        "print-icon",
        "print",
        "share",
        "share this",
        "share this article",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "e-mail",
        "comments",
        "comment",
        "advertisement",
        "advertising",
        "sponsored",
        "in other news",
        "related",
        "related articles",
        "related stories",
        "related news",
        "read more",
        "more stories",
        "more news",
        "subscribe",
        "sign up",
        "sign in",
        "log in",
        "skip to content",
        "skip to main content",
        "menu",
        "home",
        "follow us",
        "most read",
        "most popular",
        "trending",
        "recommended",
        "listen to this article",
        "copy link",
        "link copied",
        "whatsapp",
        "facebook",
        "twitter",
        "linkedin",
        "reddit",
        "telegram",
        "close",
        "search",
        "back to top",
        "top stories",
        "latest news",
        "see all",
        "view all",
        "next article",
        "previous article",
        "watch",
        "video",
        "photos",
        "gallery",
        "newsletter",
        "all rights reserved",
        "font size",
        "text size",
        "a a",
        "a+ a-",
        "bookmark",
        "save",
        "show comments",
        "hide comments",
        "continue reading",
        "click here",
    )
)
_LONE_COUNTER = re.compile(r"^[\d.,]+\s*[km]?(?:\s+(?:shares?|comments?|views?|likes?))?$", re.I)
_PHOTO_OF = re.compile(r"^[\w .'-]{1,60}'s (?:photo|avatar|picture|profile picture)$", re.I)
_BYLINE_LEAD = re.compile(r"^(?:by|written by|reporting by|words by|story by)\s+(?=[A-Z])", re.I)
_BYLINE_TOKEN = re.compile(r"[A-Z][\w.'-]*|and|&|in|of|the|for|at|[,|/-]")
_BYLINE_MAX_TOKENS = 14


def _is_byline(s: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, Reuters": names only, no prose after them."""
    lead = _BYLINE_LEAD.match(s)
    if not lead or s.endswith((".", "?", "!")) and not re.search(r"\b[A-Z][a-z]?\.$", s):
        return False
    tokens = s[lead.end() :].split()
    if not tokens or len(tokens) > _BYLINE_MAX_TOKENS:
        return False
    for token in tokens:
        for piece in re.split(r"(?<=[,|/])|(?=[,|/])", token):
            if piece and not _BYLINE_TOKEN.fullmatch(piece):
                return False
    return True


_CAPTION = re.compile(
    r"^(?:image|photo|picture|photograph|file photo|credit|photo credit|source|caption|video|"
    r"graphic|illustration|getty images|reuters|ap photo|afp|related|related reading|related story|"
    r"read more|read also|also read|see also|more|watch|listen|tags?|topics?|filed under)\s*[:/|-]",
    re.I,
)
_CREDIT_PAREN = re.compile(r"^\((?:photo|image|picture)s?\b[^)]*\)$|^\[(?:photo|image)[^\]]*\]$", re.I)
# A photo's credit ("(AP Photo/Jane Doe)", "via AP", "Photo: Reuters", "(AFP photo)", "Getty Images", "(AP: KCNA)").
PHOTO_CREDIT = re.compile(
    r"\b(?i:photo)s?\s*(?:/|:|by\b|credit|\)|$)|\bvia\s+(?:AP|AFP|Reuters|Yonhap|EPA|Getty)\b"
    r"|\b(?:Getty|Shutterstock)\b|\bFILE\s+[-\u2013\u2014]|\b(?:AP|AFP|EPA)\s*:",
)
# A caption tells what a picture shows, and its credit closes it: "Kim attends a test ... (KCNA via Reuters)".
# Its present tense ("fires", "attends") reads as a fresh event, and it names the picture's subject without
# saying whose weapon it is, so it must not yield a claim. A paragraph of prose may end with its agency's name
# ("... in September. (Yonhap)"), so a bare agency in brackets is not a caption's credit.
_CAPTION_CREDIT_END = re.compile(r"\(([^()]{1,120})\)\s*$")
_CAPTION_SAYS = re.compile(
    r"\bin\s+this\s+(?:handout\s+)?(?:photo|picture|image)\s+(?:released|provided|taken|distributed|obtained|issued)\b",
    re.I,
)
# One of them is in every match of _CAPTION_SAYS: a line without one (nearly every line) is not searched.
# Written out rather than worked out by lexicon.required_stems: a first poll runs this module in the daemon's
# own process, which must not load the lexicon (tests/app/test_lazy_imports.py); a test checks they agree.
_CAPTION_SAYS_STEMS = ("image", "photo", "picture")
_CAPTION_MAX = 400  # a caption is one or two sentences; a longer line is a paragraph quoting a photograph
_IMAGE_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif)$", re.I)


def is_caption(line: str) -> bool:
    """A photo caption: a line closed by a photo credit, or one saying "in this photo released by"."""
    if len(line) > _CAPTION_MAX:
        return False
    credit = _CAPTION_CREDIT_END.search(line)
    if credit and PHOTO_CREDIT.search(credit.group(1)):
        return True
    # Folded first where it is not ASCII: re.IGNORECASE takes a dotless i for an "i", str.lower() does not.
    low = (line if line.isascii() else normalise_chars(line)).lower()
    if not any(map(low.__contains__, _CAPTION_SAYS_STEMS)):
        return False
    return bool(_CAPTION_SAYS.search(line))


_COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)|copyright\b)", re.I)
# What a dateline is made of, each word spelt so that a line reads one way, and a line that is no dateline
# fails at once: "tuesday" was "tue"+"sday" or "tues"+"day", a run of digits could be cut anywhere into
# pieces of up to four, and "Jan." took its stop as part of the word or as a separator; on a table row of
# figures ending in "%" those choices multiplied to 30 ms a line. The language is the same as before:
# the stop after a word is read as a separator, digits as one run ("2023", "12th"), "sept" as "sep"
# and a separating "t". (Words glued without a space can still read two ways, "junet" or "hoursat": no
# page writes them.)
_WEEKDAYS = sorted(
    {
        day + ending
        for day in ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
        for ending in ("", "day", "sday", "nesday", "rsday", "urday")
    },
    key=lambda word: (-len(word), word),
)
_DATE_WORD = (
    "|".join(_WEEKDAYS) + r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t?ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|am|pm|a\.m\.|p\.m\.|utc|gmt|kst|est|edt|et|pst|pdt|bst|cet|cest|msk"
    r"|updated|published|posted|last\s+updated|on|at|of|hours?|minutes?|mins?|ago|\d++(?:st|nd|rd|th)?"
)
_DATE_LINE = re.compile(rf"^(?:(?:{_DATE_WORD})[\s,:/.|T+-]*)+$", re.I)
# _DATE_LINE as it reads a line's lowercase (casefold.lowercase_twin): under re.IGNORECASE re enters every branch of the
# long word alternation at each word it tries, and a clock-time line ("09:15 - ...") has it tried at several; the
# twin skips a branch on its first letter. The same answer wherever the line folds like re.IGNORECASE (_is_date_line).
_DATE_LINE_TWIN = casefold.lowercase_twin(_DATE_LINE)
_HAS_DIGIT = re.compile(r"\d")
_MENU_SEP = re.compile(r"\s[|\u2022\u00b7>/]\s")


def is_residue_line(line: str) -> bool:
    """True for a line of page furniture that must never yield a claim."""
    s = line.strip()
    if not s:
        return False
    low = s.lower().rstrip(":")
    if low in _RESIDUE_EXACT:
        return True
    if is_caption(s) or _IMAGE_FILE_NAME.match(s):
        return True
    if any(map(s.__contains__, _EMBEDDED_POST_STEMS)) and _EMBEDDED_POST.search(s):
        return True  # a social post pasted into the page: its author's words, relayed by no one in the story
    if len(s) > 160:
        return False  # prose, whatever it starts with
    if _LONE_COUNTER.match(s) or _PHOTO_OF.match(s) or _CREDIT_PAREN.match(s):
        return True
    if _COPYRIGHT.match(s):
        return True
    if _CAPTION.match(s) and len(s) <= 120:
        return True
    if _is_byline(s):
        return True
    if _HAS_DIGIT.search(s) and _is_date_line(s):
        return True
    # "Home | World | Asia | Video": several short items joined by separators.
    if not s.endswith((".", "?", "!", '"')) and len(_MENU_SEP.findall(s)) >= 2:
        return True
    return False


def _is_date_line(line: str) -> bool:
    """Whether ``_DATE_LINE`` matches ``line``: read by its lowercase twin in the line's lowercase where the line
    folds like re.IGNORECASE (casefold.twin_subject), else by the pattern itself."""
    low = casefold.twin_subject(line, line.lower())
    if low is None or _DATE_LINE_TWIN is None:
        return _DATE_LINE.match(line) is not None
    return _DATE_LINE_TWIN.match(low) is not None


# A social post embedded in a page, as its text survives: the image link, or the signature line that closes it
# ("— A. Name (@handle) April 24, 2025").
_EMBEDDED_POST = re.compile(
    r"\bpic\.twitter\.com/\w+|\s[\u2014-]\s[^\n]{1,60}\(@\w{1,15}\)\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$"
)
# One of them is in every match of the (case-sensitive) _EMBEDDED_POST: a substring test spares nearly every line
# a search that tries both branches at each character.
_EMBEDDED_POST_STEMS = ("pic.twitter.com/", "(@")

_LINE = re.compile(r"[^\n]+")

# "Read more:" and its like open a box of links to other stories, which may stand mid-article: the headlines
# under it (lines without a sentence's closing mark) go with it, up to the first line of prose.
_LINK_BOX_HEADINGS = frozenset({"read more", "read also", "also read", "see also", "more on this topic"})
_LINK_BOX_MAX_LINES = 8
_SENTENCE_CLOSE = (".", "!", "?", '"', "\u201d", "\u2019", ")")


@dataclass(frozen=True)
class CleanText:
    """An article ready for analysis; ``work`` and ``source`` share every offset."""

    source: str  # what spans index: the input itself, or the text extracted from HTML
    work: str  # same length as ``source``: residue blanked, characters folded
    was_html: bool = False
    title: str | None = None  # headline found in HTML markup
    published: str | None = None  # date found in HTML metadata, as written

    def __post_init__(self) -> None:
        if len(self.source) != len(self.work):  # the whole offset scheme rests on this
            raise ValueError("work text must be as long as the source text")

    @property
    def text(self) -> str:
        """The cleaned text for display: content lines only, whitespace collapsed."""
        lines = (" ".join(m.group().split()) for m in _LINE.finditer(self.work))
        return "\n".join(line for line in lines if line)


# Headings after which a page lists other stories. Only trusted in the tail of the text: a
# "Related" box can also sit mid-article, with the story continuing after it.
_TAIL_MARKERS = frozenset(
    {
        "in other news",
        "related",
        "related articles",
        "related stories",
        "related news",
        "related coverage",
        "related posts",
        "more stories",
        "more news",
        "most read",
        "most popular",
        "recommended",
        "trending",
        "you may also like",
        "you might also like",
        "more from",
        "read next",
        "top stories",
        "latest news",
        "more on this story",
        "editor's picks",
        "popular now",
    }
)
_TAIL_FRACTION = 0.6
# The "Related ..." headings also head a box of links set into the story, late in it as well: where a line of prose
# follows within a box's length, the headlines under the heading go as a "Read more:" box's do and the story goes on
# ("Related coverage" / two headlines / "North Korea has shipped more shells to Russia, the ministry added.").
_RELATED_HEADINGS = frozenset(h for h in _TAIL_MARKERS if h.split()[0] == "related")


def _prose_follows(text: str, pos: int) -> bool:
    """Whether a line of prose (one that ends like a sentence) comes within a link box's length after ``pos``."""
    for n, m in enumerate(_LINE.finditer(text, pos)):
        if n >= _LINK_BOX_MAX_LINES:
            return False
        line = m.group().rstrip()
        if line and line.endswith(_SENTENCE_CLOSE) and not is_residue_line(m.group()):
            return True
    return False


def blank_residue(text: str) -> str:
    """``text`` with each residue line, and any other-stories list at the end, blanked."""
    out: list[str] = []
    last = 0
    tail = False
    tail_from = int(len(text) * _TAIL_FRACTION)
    link_box = 0  # headlines still to be taken under a "Read more:" heading
    for m in _LINE.finditer(text):
        line = m.group()
        heading = line.strip().lower().rstrip(":")
        related_box = False
        if not tail and m.start() >= tail_from and heading in _TAIL_MARKERS:
            related_box = heading in _RELATED_HEADINGS and _prose_follows(text, m.end())
            tail = not related_box
        in_box = link_box > 0 and not line.rstrip().endswith(_SENTENCE_CLOSE)
        opens_box = related_box or heading in _LINK_BOX_HEADINGS
        link_box = _LINK_BOX_MAX_LINES if opens_box else (link_box - 1 if in_box else 0)
        if tail or in_box or related_box or is_residue_line(line):
            out.append(text[last : m.start()])
            out.append(" " * (m.end() - m.start()))
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# A decimal amount split by a space after its point, as machine translation and some page tools print it ("more
# than 2. 5 million shells"): read as one figure, not a sentence ending at "2." and a count of 5 million. Only before
# a word of scale, so that a sentence ending in a number ("in 2023. 5 ships ...") stays two sentences.
_SPACED_DECIMAL_TAIL = re.compile(r"(\d{1,3}) (?=(?:million|billion|trillion)\b)", re.I)


def _amount_may_start(text: str, at: int) -> bool:
    """Whether the digits at ``at`` can open a spaced decimal: told inside a line, after a word ("more than 2. 5
    million"), not a list's number at the start of a line ("1. 3 million shells were sent"), the end of a longer
    number ("in 2023. 5 million") or a number after an abbreviation's point ("on Sept. 13. 2 million shells
    followed", "No. 2. 5 million"): each of those ends one thing before the next figure begins."""
    if at < 2 or text[at - 1] in "0123456789.,\n":
        return False
    return not (text[at - 1] == " " and text[at - 2] == ".")


def join_spaced_decimals(text: str) -> str:
    """``text`` with each spaced decimal joined ("2. 5 million" as "2.5  million"), the space moved after the
    digits so that every offset stays where it was. Each ". " is looked at (a substring search in C; a regex
    would be tried at every character of every page)."""
    out: list[str] = []
    last = 0
    at = text.find(". ")
    while at != -1:
        whole = at
        while whole > at - 3 and whole > 0 and text[whole - 1].isdigit():
            whole -= 1
        tail = _SPACED_DECIMAL_TAIL.match(text, at + 2) if whole < at and _amount_may_start(text, whole) else None
        if tail is not None:
            out.append(text[last:at])
            out.append(f".{tail.group(1)}  ")
            last = tail.end()
        at = text.find(". ", at + 2)
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def clean(text: str) -> CleanText:
    """Detect HTML, extract its text if needed, blank page residue and fold characters."""
    if looks_like_html(text):
        doc = extract_html(text)
        source = doc.text
        work = join_spaced_decimals(blank_residue(normalise_chars(source)))
        return CleanText(source, work, True, doc.title, doc.published)
    return CleanText(text, join_spaced_decimals(blank_residue(normalise_chars(text))), False)

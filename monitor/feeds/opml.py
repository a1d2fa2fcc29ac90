"""OPML 2.0 subscription lists, read safely and written so that they read back the same.

Reading: lxml with entity resolution, network access and DTD loading off, and any
``<!DOCTYPE``/``<!ENTITY`` refused outright (an OPML file never needs one, and refusing
it is the simplest defence against entity expansion). Every ``<outline>`` with an
``xmlUrl`` is a source, however deeply categories nest it.

Writing: one ``<outline type="rss">`` per feed (``type="page"`` for page sources, which
other readers skip), ``text`` the outlet (else the id), ``title`` the outlet when there is one, and the
source's id and item selector in attributes of our own namespace, so an export imports
back into the same sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formatdate

from lxml import etree

from monitor.errors import MonitorError

#: Our attributes on an outline (the feed id, a page source's selector).
NAMESPACE = "https://github.com/nkru-monitor/nkru-monitor/opml"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
#: An OPML file larger than this is refused (subscription lists are kilobytes).
MAX_OPML_BYTES = 5_000_000


class OpmlError(MonitorError):
    """Not a readable OPML document. The message names the file and the problem."""


@dataclass(frozen=True)
class Outline:
    url: str
    title: str | None = None  # the outline's title (else text): becomes the outlet
    type: str = "feed"  # "feed" or "page"
    feed_id: str | None = None  # present in our own exports
    item_selector: str | None = None


def read_opml(data: bytes, source: str = "OPML") -> tuple[list[Outline], list[str]]:
    """The sources of an OPML document and, for outlines that are not sources, why not."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"{source}: larger than {MAX_OPML_BYTES} bytes; not a subscription list")
    if _DTD.search(data):
        raise OpmlError(f"{source}: has a DOCTYPE or ENTITY declaration, which OPML never needs; refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"{source}: not well-formed XML ({exc})") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "opml":
        raise OpmlError(f"{source}: the root element is not <opml>")
    outlines: list[Outline] = []
    skipped: list[str] = []
    for element in root.iter("outline"):
        url = (element.get("xmlUrl") or element.get("xmlurl") or "").strip()
        label = element.get("title") or element.get("text") or None
        if not url:
            if len(element) == 0:  # a category with children is structure, not a skipped entry
                skipped.append(f"{label or '(untitled outline)'}: no xmlUrl (not a feed)")
            continue
        kind = "page" if (element.get("type") or "").lower() == "page" else "feed"
        feed_id = element.get(f"{{{NAMESPACE}}}id")
        if feed_id:  # our own export: ``text`` is only the display label, ``title`` the outlet if any
            label = element.get("title")
        outlines.append(
            Outline(
                url=url,
                title=label.strip() if label else None,
                type=kind,
                feed_id=feed_id,
                item_selector=element.get(f"{{{NAMESPACE}}}itemSelector"),
            )
        )
    return outlines, skipped


def write_opml(sources: Iterable[Outline], *, title: str = "nkru-monitor sources") -> str:
    """An OPML 2.0 document listing ``sources``."""
    root = etree.Element("opml", version="2.0", nsmap={"monitor": NAMESPACE})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = etree.SubElement(root, "body")
    for source in sources:
        outline = etree.SubElement(
            body,
            "outline",
            type="page" if source.type == "page" else "rss",
            text=source.title or source.feed_id or source.url,
        )
        if source.title:
            outline.set("title", source.title)
        outline.set("xmlUrl", source.url)
        if source.feed_id:
            outline.set(f"{{{NAMESPACE}}}id", source.feed_id)
        if source.item_selector:
            outline.set(f"{{{NAMESPACE}}}itemSelector", source.item_selector)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")

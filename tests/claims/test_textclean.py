"""Page residue, HTML extraction and the offset scheme evidence spans rely on."""

from __future__ import annotations

import pytest

from monitor.claims.textclean import (
    clean,
    extract_html,
    html_to_text,
    is_residue_line,
    looks_like_html,
    normalise_chars,
)


@pytest.mark.parametrize(
    "line",
    [
        "Load More",
        "Loading...",
        "print-icon",
        "In Other News",
        "Share",
        "0",
        "1.2K shares",
        "14 comments",
        "Jane Roe's Photo",
        "by Jane Roe",
        "By Jane Roe and John Doe, Reuters",
        "Image: KCNA",
        "Photo: Reuters",
        "Wednesday, Nov 01, 2023 - 11:20 PM",
        "Nov. 1, 2023",
        "2023-11-01T10:00:00+09:00",
        "Updated 3:45 PM EST, November 1, 2023",
        "Home | World | Asia | Video",
        "Related reading: Why drones matter",
        "© 2025 Example News",
        "Advertisement",
        # photo captions closed by their credit, and a picture's file name above one
        "A launcher fires at a field range in the north of the country on May 3, 2024. (Photo by Jane Roe/Getty Images)",
        "Soldiers load a truck near the border, in this photo released by state media on June 2. (KCNA via Reuters)",
        "Two leaders shake hands at an airport outside the capital in April 2025 (AFP photo)",
        "A rail yard near the frontier seen from the air (Illustrative photo: EPA)",
        "Troops march past a stand during a parade, Oct. 10, 2025. (AP: Korean Central News Agency)",
        "In this photo provided by the government, an officer inspects a line of guns on March 6. (AP)",
        "2025-03-06T101500Z_12345_RC2ABC_RTRMADP_3_ARTILLERY.JPG",
    ],
)
def test_residue_lines(line):
    assert is_residue_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "By sending troops to Russia, Pyongyang gained combat experience.",
        "In 2023 Russia began buying North Korean shells.",
        "North Korea has sent more than 10,000 soldiers, officials said.",
        "Share prices fell as the sanctions were announced on Monday.",
        # prose that ends in brackets: an agency's sign-off, a bare credit, an aside
        "The North has sent more shells since August, the spy agency said on Tuesday. (Yonhap)",
        "An envoy speaks at a council meeting in New York. (AFP)",
        "The shells reached the front by rail (via a port in the far east)",
        "Satellite pictures show the guns at a depot near the border (photos taken in May show more).",
        "",
    ],
)
def test_prose_is_not_residue(line):
    assert not is_residue_line(line)


def test_plain_text_keeps_its_offsets():
    text = (
        "print-icon\n\nSEOUL \u2014 The agency said \u201cmore than a million\u201d shells.\u00a0Done.\n\n0\nLoad More"
    )
    doc = clean(text)
    assert doc.source is text and not doc.was_html
    assert len(doc.work) == len(text)
    assert "print-icon" not in doc.work and "Load More" not in doc.work
    start = doc.work.index("The agency")
    assert text[start : start + 10] == "The agency"
    assert '"more than a million"' in doc.work  # curly quotes folded one for one
    assert doc.text.startswith("SEOUL - The agency said")


def test_other_stories_after_a_tail_marker_are_dropped():
    body = "North Korea sent shells to Russia, officials said. " * 10
    text = body + "\n\nIn Other News\nRussia sends 5 million barrels of oil to India\nLoad More"
    doc = clean(text)
    assert "barrels" not in doc.work


def test_a_related_box_mid_article_keeps_the_story():
    text = "Related\n" + "North Korea sent shells to Russia, officials said. " * 10
    assert "shells" in clean(text).work


def test_normalise_is_length_preserving():
    s = "\u2018a\u2019 \u201cb\u201d \u2013 \u2014 \u00a0 \u2026"
    assert len(normalise_chars(s)) == len(s)


HTML = """<!DOCTYPE html><html><head><title>Site | Headline</title>
<meta property="article:published_time" content="2025-06-12T09:40:00Z">
<script>var x = "North Korea sent 9 million shells";</script></head>
<body><nav><a href="/">Home</a> | <a href="/w">World</a></nav>
<article><h1>North Korea covers 40% of Russia&rsquo;s shell needs</h1>
<p class="byline">By Staff Reporter</p>
<p>Around 40 percent of the artillery shells Russia fires now come from North Korea, an official said.</p>
<p>Moscow handed Pyongyang two or three air-defence systems, he added.</p></article>
<aside><ul><li>Czech initiative delivers 1.8 million rounds to Ukraine</li></ul></aside>
<footer>&copy; 2025 Example</footer></body></html>"""


@pytest.mark.parametrize(
    ("text", "kind", "quantity"),
    [
        # A dotless i (Turkish keyboards, OCR) in a share word crashed analyse() with a KeyError.
        ("Pyongyang now provides about a th\u0131rd of the shells Russia fires, Kyiv said.", "supply_share", 0.3333),
        ("North Korea sent s\u0131x million shells to Russia, the spy agency sa\u0130d.", "shipment", 6_000_000),
        ("North Korea sent \u017fix thousand troops to Russia, Seoul said.", "troop_deployment", 6_000),
    ],
)
def test_letters_regexes_fold_to_ascii_are_read_as_ascii(text, kind, quantity):
    from monitor.claims.analysis import analyse

    assert normalise_chars("\u0131\u0130\u017f\u212a") == "iIsK"
    claims = analyse(text)["claims"]
    assert [(c["kind"], c["quantity"]) for c in claims] == [(kind, quantity)]
    assert claims[0]["evidence"] == text  # the evidence is the text as written, not the folded copy


def test_html_detection():
    assert looks_like_html(HTML)
    assert looks_like_html("<p>One</p><p>Two</p>")
    assert not looks_like_html("Shells < rockets, and 3 > 2 in this plain sentence.")


def test_html_extraction_keeps_the_story_only():
    doc = extract_html(HTML)
    assert doc.title == "North Korea covers 40% of Russia\u2019s shell needs"
    assert doc.published == "2025-06-12T09:40:00Z"
    assert "Around 40 percent" in doc.text and "air-defence systems" in doc.text
    for gone in ("9 million", "1.8 million", "Home", "Example"):
        assert gone not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay apart


def test_html_clean_indexes_the_extracted_text():
    doc = clean(HTML)
    assert doc.was_html and doc.source == html_to_text(HTML)
    assert "Staff Reporter" not in doc.work  # the byline paragraph is residue


def test_broken_html_does_not_raise():
    text = html_to_text("<html><body><p>North Korea <b>sent <i>shells</p></div></span><p>Second")
    assert "North Korea sent shells" in " ".join(text.split())
    assert "Second" in text

"""Precision by families of wordings (issue 14, round 24, session 18): claims the extractor emitted that no label
has, pooled over every development set and sorted by why they were read. Each gate below was kept only where it
removed such claims in three sets or more and lost no matched claim. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.claims.extract import Claim, extract_claims

PUB = dt.date(2025, 1, 20)


def claims(text: str) -> list[Claim]:
    return extract_claims(text, PUB)


def casualty_items(text: str) -> list[str]:
    return sorted(c.item for c in claims(text) if c.kind == "casualties")


# --- wounds told of prisoners describe the prisoners (convention 24g) -------------------------------------------

# Another group of the North's soldiers in the sentence, so that a figure-less wound has people to belong to.
SENT = ", and Pyongyang deployed an estimated 12,000 soldiers to support Russia."


@pytest.mark.parametrize(
    "text",
    [
        # the wounded are the ones being questioned (either word order, active or passive)
        "Ukrainian officers questioned two injured North Korean soldiers in Kyiv" + SENT,
        "Security officers in Kyiv are interrogating the two wounded North Korean soldiers" + SENT,
        "Two wounded North Korean soldiers held by Ukraine are being questioned" + SENT,
        # one man's state: hurt, yet alive
        "Two North Korean soldiers, though injured, survived and were questioned in Kyiv" + SENT,
        # the prisoner's wounds killed him
        "A North Korean soldier taken prisoner by Kyiv last autumn died of his injuries, although Pyongyang is "
        "thought to have deployed an estimated 12,000 soldiers to support Russia.",
    ],
)
def test_wounds_of_prisoners_are_no_casualty_claim(text):
    assert "wounded" not in casualty_items(text)


def test_the_prisoners_death_and_capture_stay():
    text = "A North Korean soldier captured by Kyiv last autumn died from his injuries, but this is the first time "
    text += "Ukraine has held soldiers fit for questioning since Pyongyang deployed an estimated 12,000 soldiers there."
    assert casualty_items(text) == ["captured", "killed"]


@pytest.mark.parametrize(
    "text",
    [
        # a list of fates: each is a harm told
        "Kyiv said dozens of North Korean soldiers were wounded or captured near Sudzha this week.",
        # the wound counts a group of its own, beside the prisoners
        "Ukrainian units captured two North Korean soldiers and wounded 30 others in Kursk, the army said.",
        "Kyiv said its drones wounded three North Korean soldiers near Sudzha and captured two others" + SENT,
        # another count between the prisoners and the wounded
        "Ukraine captured three North Korean soldiers last week and 40 more soldiers were injured in the same battle.",
    ],
)
def test_wounds_beside_prisoners_that_count_their_own_group_stay(text):
    assert "wounded" in casualty_items(text)


# --- a disposition, a rumour or a risk named by its noun is not an act told as done (convention 24h) --------------


def kinds_read(text: str) -> list[str]:
    return sorted(c.kind for c in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        # a side's willingness, told by its noun
        "Analysts read the visit as a sign of Russia's willingness to share missile technology with North Korea.",
        "The summit pointed to Moscow's willingness to help Pyongyang with space launch vehicles.",
        # a rumour, before or after the people it is about
        "Heavy losses in Kursk have fed rumours of a fresh deployment of North Korean troops to Russia.",
        "There are rumors about more North Korean soldiers being sent to Russia, Kyiv said.",
        # a risk flagged, in the singular or the plural
        "The deal raises the risk of North Korean artillery shells being shipped to Russia, diplomats said.",
        "Officials in Seoul spoke of the risks of further arms deliveries from Pyongyang to Moscow.",
    ],
)
def test_a_willingness_a_rumour_or_a_risk_tells_no_act(text):
    assert not [k for k in kinds_read(text) if k in ("technology_transfer", "troop_deployment", "shipment")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the verb "willing to" is left alone: the capture is told
        ("Zelensky said Ukraine is willing to hand over two captured North Korean soldiers in a swap.", "casualties"),
        # the risk is of something else; the shipment before it is told
        (
            "North Korea has shipped millions of shells to Russia, raising the risk of a wider war, Seoul said.",
            "shipment",
        ),
        # the willingness follows a gift told as done
        (
            "Russia has already given North Korea air defence systems, showing its willingness to help, Seoul said.",
            "technology_transfer",
        ),
    ],
)
def test_acts_told_beside_a_willingness_or_a_risk_stay(text, kind):
    assert kind in kinds_read(text)


def test_a_rumour_a_party_calls_false_stays_its_denial():
    text = "Pyongyang called the rumours of arms deals with Moscow a baseless fabrication."
    assert kinds_read(text) == ["denial"]


# --- a condemning act told as what would follow, or on a condition, is no condemnation (convention 24j) ------------

MISSILES_SENT = "North Korea has sent missiles to Russia, Seoul said. "


@pytest.mark.parametrize(
    "text",
    [
        # the act "would" break the sanctions: a consequence named, not a condemnation made
        "Seoul says Pyongyang has shipped shells to Moscow, which would breach several UN sanctions on the North.",
        # sanctions that a transfer "would likely trigger"
        MISSILES_SENT + "Such transfers would also likely trigger fresh sanctions against both countries.",
        # sanctions on a condition, not imposed
        MISSILES_SENT + "Washington will not hesitate to impose sanctions if and when it is needed, the envoy said.",
    ],
)
def test_a_condemnation_only_supposed_is_none(text):
    assert "condemnation" not in kinds_read(text)


@pytest.mark.parametrize(
    "text",
    [
        # reported speech: "it would impose" is the announcement of the act
        MISSILES_SENT + "Tokyo said on Friday it would impose sanctions on three firms that moved the missiles.",
        # a future act announced
        "The United States will impose new sanctions on firms that shipped North Korean missiles to Russia, Blinken said.",
        # reported speech again: a verdict on an act ("would be a clear violation" is Seoul's "is")
        "Seoul said the North's decision to send workers to Russia would be a flagrant breach of UN sanctions.",
        # a criticism made, with a consequence named after it
        "Seoul criticized the transfer of North Korean shells to Russia, warning that it would violate UN resolutions.",
    ],
)
def test_a_condemnation_made_or_announced_stays(text):
    assert "condemnation" in kinds_read(text)

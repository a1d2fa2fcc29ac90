"""Round 24, the reach of a clause (session 18): a denial denies only what its own clause names, and a relative
clause after a teller's name does not hand the telling to a name inside it.

Sentences are our own; each test names the family of wordings it stands for, and holds several wordings of it.
"""

from __future__ import annotations

import datetime as dt

from monitor.claims.extract import extract_claims

PUB = dt.date(2025, 3, 20)


def _claims(text: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.item, c.source) for c in extract_claims(text, PUB)]


def _denied(text: str) -> set[str]:
    return {c.item for c in extract_claims(text, PUB) if c.kind == "denial"}


# -- the reach of a denial ----------------------------------------------------------------------------------------


def test_a_clause_joined_after_a_denial_is_not_denied():
    # the denial is of something else; the shells and troops belong to a clause of their own
    for text in (
        "Russia's defence ministry said there was no evidence of sabotage, and North Korean shells kept arriving "
        "at its depots.",
        "Peskov rejected the claims of sabotage, and North Korean shells kept arriving at the front.",
        "The Kremlin dismissed talk of a mutiny, but North Korean soldiers kept training near Kursk.",
    ):
        assert "artillery_shells" not in _denied(text), text
        assert "troops" not in _denied(text), text
        assert not any(kind == "confirmation" for kind, _, _ in _claims(text)), text


def test_a_lack_of_proof_of_something_else_told_in_a_thing_does_not_deny_the_thing():
    for text in (
        "Peskov said there was no evidence of any malfunction in the North Korean missiles.",
        "The Kremlin said it had found no evidence of a defect in the KN-23 missiles supplied by Pyongyang.",
        "Russia's defence ministry said there was no proof of faults inside the North Korean shells.",
    ):
        assert _denied(text) == set(), text


def test_what_a_denial_names_in_its_own_clause_is_still_denied():
    assert _denied("Moscow denied receiving North Korean shells, rockets, and missiles.") == {
        "artillery_shells",
        "rockets",
        "ballistic_missiles",
    }
    assert _denied("Peskov said there was no evidence of North Korean troops in Ukraine.") == {"troops"}
    assert _denied("Moscow denied receiving shells, and said the allegations were lies.") == {"artillery_shells"}
    assert _denied("There is no evidence that North Korea has sent troops to Russia, Peskov said.") == {"troops"}
    assert _denied("Pyongyang said there was no proof of arms deliveries in its trade with Moscow.") == {"munitions"}
    assert _denied("Peskov said there was no evidence of North Korean involvement in arms supplies.") == {"munitions"}


# -- a relative clause after a teller's name ----------------------------------------------------------------------


def test_a_name_inside_a_relative_clause_after_the_teller_is_no_teller():
    for text in (
        "The SBU, which interrogated the prisoner, said North Korean troops were fighting in Kursk.",
        "The SBU, whose officers questioned the prisoner, said North Korean troops were fighting in Kursk.",
        "The SBU, that interrogated the prisoner, said North Korean troops were fighting in Kursk.",
    ):
        assert ("battlefield_use", "troops", "Ukraine SBU") in _claims(text), text
        assert all(source == "Ukraine SBU" for _, _, source in _claims(text)), text


def test_a_relative_clause_with_its_own_teller_name_keeps_the_name_before_it():
    # "who" as before, and a name of a body inside the relative clause
    assert {
        s for _, _, s in _claims("Zelensky, who met the prisoners, said North Korea had sent troops to Russia.")
    } == {"Ukraine President"}
    text = "Budanov, whose agency questioned the soldiers, said North Korea had sent troops to Russia."
    assert ("troop_deployment", "troops", "Ukraine HUR") in _claims(text)


def test_a_clause_joined_after_a_denial_that_denies_too_is_inside_it():
    for text in (
        "Moscow rejected the report, and said it had never received North Korean shells.",
        "Peskov dismissed the story; Russia has not received any shells from Pyongyang, he said.",
    ):
        assert "artillery_shells" in _denied(text), text

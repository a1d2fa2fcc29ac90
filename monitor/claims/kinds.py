"""Which kind of claim a mention makes: shipment, use on the battlefield or production for a thing;
deployment, dispatch, combat or casualties for people; a satellite launch; which way help and
payment flow; and the amounts a later clause picks out ("of which around half")."""

from __future__ import annotations

import re

from monitor.claims import cues
from monitor.claims import lexicon as lx
from monitor.claims.cues import Cues
from monitor.claims.discourse import Discourse
from monitor.claims.document import Document
from monitor.claims.mentions import WindowCue, domains, nearest
from monitor.claims.model import Mention, Sentence
from monitor.claims.quantities import QuantityMatch, parse_fraction


def launch_context(doc: Document, sent: Sentence) -> bool:
    launches = cues.G_LAUNCH.finditer(doc.idx, sent.start, sent.end)
    # "the launch complex", "Soyuz rockets": places and space rockets are not launches. The places are
    # looked for only where a launch word is: without one nothing is launched whatever they are.
    launched = False
    if launches:
        places = [m for m in sent.items if m.value == "_skip" and cues.LAUNCH_PLACE.search(doc.work, m.start, m.end)]
        launched = any(
            not any(k.start <= x.start() < k.end for k in places) and not weapons_launched(doc, sent, x)
            for x in launches
        )
    if not launched and not (sent.satellite and cues.LAUNCH_OUTCOME.search(doc.work, sent.start, sent.end)):
        return False
    lo = max(0, sent.index - cues.LAUNCH_CONTEXT_WINDOW)
    return any(s.satellite for s in doc.sentences[lo : sent.index + 1])


def weapons_launched(doc: Document, sent: Sentence, launch: re.Match[str]) -> bool:
    """The launch word tells a strike, not a satellite's launch: missiles launched, or a launch against a target
    ("the missiles that Russian troops launch against Ukraine", "launched two cruise missiles at the port")."""
    work = doc.work
    return bool(
        cues.WEAPONS_LAUNCHED_AFTER.match(work, launch.end(), sent.end)
        or cues.WEAPONS_LAUNCHED_BEFORE.search(work, max(sent.start, launch.start() - 60), launch.start())
    )


def launch_count(doc: Document, sent: Sentence) -> QuantityMatch | None:
    """How many launches: "twice ended in failure", "two failed launches", "three more"."""
    work = doc.work
    m = cues.LAUNCH_TIMES.search(work, sent.start, sent.end)
    if m:
        return QuantityMatch(m.start(), m.end(), 2 if m.group(0).lower() == "twice" else 3, "exact", None)
    tries = failed_tries(doc, sent)
    for q in doc.quantities(sent.start, sent.end):
        if q is not tries and q.quantity < 20 and cues.LAUNCH_NOUN_AFTER.match(work, q.end, sent.end):
            return q
    return None


def failed_tries(doc: Document, sent: Sentence) -> QuantityMatch | None:
    """The count of failed launches in a sentence that tells a launch as a success ("succeeded in putting a satellite
    in orbit after two failed attempts") or after them ("launched another rocket after two failed tries"): the tries
    before it, which are not the launch's count. They are background to it and make no claim of their own (convention
    19a: no real labelling counts them)."""
    work = doc.work
    success = (
        cues.SUCCESS_WORD.search(work, sent.start, sent.end) is not None
        or cues.LAUNCH_DONE.search(work, sent.start, sent.end) is not None  # "put its satellite into orbit"
    )
    for q in doc.quantities(sent.start, sent.end):
        noun = cues.LAUNCH_NOUN_AFTER.match(work, q.end, sent.end) if q.quantity < 20 else None
        if (
            noun is not None
            and cues.FAILURE_WORD.search(noun.group(0))
            # "launched a rocket in May to put a satellite up, after two failed attempts": the tries came before the
            # launch told, whether or not the sentence says it succeeded
            and (success or cues.TRIES_BEFORE_LAUNCH.search(work, max(sent.start, q.start - 16), q.start))
        ):
            return q
    return None


def launch_failed(doc: Document, sent: Sentence) -> bool:
    """A sentence that tells one launch as a failure ("its failure to launch a satellite on Monday", "the launch attempt
    in May failed"), not a success after failed tries: a launch of its own (16a: a failed one has no figure), which the
    count of a completed launch elsewhere in the article does not tell again (convention 23a)."""
    work = doc.work
    return (
        cues.LAUNCH_FAILED.search(work, sent.start, sent.end) is not None
        and cues.SUCCESS_WORD.search(work, sent.start, sent.end) is None
        and cues.LAUNCH_DONE.search(work, sent.start, sent.end) is None
    )


def launch_done(doc: Document, sent: Sentence) -> QuantityMatch | None:
    """A completed launch is one launch (the corpus README: it updates the ledger with 1 `exact`): "put its first
    spy satellite into orbit", "its successful launch". A failed one, or one only planned, has no figure."""
    done = cues.LAUNCH_DONE.search(doc.work, sent.start, sent.end)
    if done is None or cues.LAUNCH_NOT_DONE.search(doc.work, sent.start, sent.end):
        return None
    return QuantityMatch(done.start(), done.end(), 1, "exact", None)


# Compiled once rather than looked up in re's cache at each mention (the same patterns as before).
_WAR_WORD = re.compile(r"\b(?:front|battlefield|combat|war)\b", re.I)
_FRONT_WORD = re.compile(r"\b(?:Kursk|front|combat)\b", re.I)
_CLAUSE_WORD = re.compile(r"\b(?:which|that|who|and|were|was|have|has|had|being|been)\b", re.I)


def materiel_kind(
    doc: Document, memory: Discourse, sent: Sentence, m: Mention, sentence_cues: Cues, party_voice: bool
) -> str | None:
    """shipment, battlefield_use or production for a thing; the nearest cue decides."""
    transfers = sentence_cues.transfer
    described = cues.moved_before(doc.work, m.end) if m.quantity is None and not m.contextual else None
    if described:
        transfers = [c for c in transfers if not described[0] <= c.start() < described[1]]
    if sentence_cues.battle and sentence_cues.provenance:
        # "Russia used North Korean-supplied missiles in its strikes": a maker's or supplier's compound names where the
        # thing came from, and the clause's verb is the fight's
        transfers = [
            c for c in transfers if not any(p.start() <= c.start() < p.end() for p in sentence_cues.provenance)
        ]
    if sentence_cues.battle and any(c.group(0).lower().startswith("deployed") for c in sentence_cues.battle):
        # "shells being deployed in the war": the passive use is no transfer too (cues.BATTLE_MORE)
        transfers = [
            c
            for c in transfers
            if not any(
                b.start() <= c.start() < b.end() and b.group(0).lower().startswith("deployed")
                for b in sentence_cues.battle
            )
        ]
    productions = sentence_cues.production
    if sentence_cues.battle and sentence_cues.provenance and productions:
        # "missiles produced in the DPRK were used against Ukraine": the participle names the maker, the clause's
        # verb is the fight's (a production cue inside the maker's phrase is no news of output)
        productions = [
            c for c in productions if not any(p.start() <= c.start() < p.end() for p in sentence_cues.provenance)
        ]
    battles = sentence_cues.battle
    used = cues.USED_PARTICIPLE_AFTER.match(doc.work, m.end, sent.end)
    if used is not None and any(
        c.start() >= used.end() and cues.SUPPLIER_AGENT_AFTER.match(doc.work, c.end(), sent.end) for c in transfers
    ):
        # "half of the shells used by Russia ... are being supplied by North Korea": the use says which shells
        battles = [c for c in battles if not used.start(1) <= c.start() < used.end()]
    productions = sentence_cues.production
    if productions and battles and not m.contextual:
        # "missiles produced in the DPRK were used against Ukraine": the participle after the thing says where it was
        # made, and the clause's verb is the fight's
        productions = [
            c
            for c in productions
            if not (
                cues.MADE_WHERE.fullmatch(c.group(0))
                and cues.MADE_PARTICIPLE_GAP.fullmatch(doc.work, m.end, c.start())
                and cues.MADE_BY_OR_IN_AFTER.match(doc.work, c.end())
                and any(b.start() >= c.end() for b in battles)
            )
        ]
    dist = {
        "production": nearest(productions, m, sentence_cues.switches),
        "shipment": nearest(transfers, m, sentence_cues.switches),
        "battlefield_use": nearest(battles, m, sentence_cues.switches),
    }
    if (
        not m.contextual
        and "to " in doc.low[max(sent.start, m.start - 45) : m.start]
        and cues.PRODUCT_OF_PURPOSE_BEFORE.search(doc.work, max(sent.start, m.start - 45), m.start)
    ):
        return None  # "workers sent to build drones": what they are sent to make
    ability = doc.low[max(sent.start, m.start - 60) : m.start]
    if ("can " in ability or "could " in ability or "able " in ability) and cues.FIRED_BY_WEAPON_BEFORE.search(
        doc.work, max(sent.start, m.start - 60), m.start
    ):
        return None  # "launchers that can fire guided rockets": the rounds describe the launcher
    lesson = doc.low[max(sent.start, m.start - 60) : m.start]
    if ("train" in lesson or "teach" in lesson or "taught" in lesson or "instruct" in lesson) and (
        cues.TRAINING_SUBJECT_BEFORE.search(doc.work, max(sent.start, m.start - 60), m.start)
    ):
        return None  # "they receive training in military equipment operation": what they learn to use
    if cues.PRODUCTION_NOUN_AFTER.match(doc.work, m.end) and cues.INPUTS_FOR_BEFORE.search(
        doc.work, max(sent.start, m.start - 60), m.start
    ):
        return None  # "parts used in weapons manufacturing": the industry the parts serve
    governed = False
    if dist["battlefield_use"] and dist["shipment"] is not None and governs(doc, sentence_cues.battle, m):
        # "Russian crews are operating North Korean guns in Kursk": the verb whose object the thing is
        # decides, not a place named after it
        dist["battlefield_use"] = 0
        governed = True
    if dist["production"] is not None and dist["production"] > 100:
        dist["production"] = None
    if dist["production"] is not None and not north_produces(doc, sent, sentence_cues, m):
        if all(v is None or v >= dist["production"] for v in (dist["shipment"], dist["battlefield_use"])):
            return None  # "Russia makes two million shells a year": another country's own output
        dist["production"] = None
    prev_war = sent.index > 0 and (doc.sentences[sent.index - 1].has_war or doc.sentences[sent.index - 1].has_ru)
    if dist["battlefield_use"] is not None and not (
        sent.has_war
        or sent.has_ru
        or m.contextual
        and prev_war
        or _WAR_WORD.search(doc.work[sent.start : sent.end])
        # "the enemy used a North Korean-made missile in the attack", after a sentence on the strike: a weapon called
        # the North's make is used by the side it was sold to (the North's own launches go to sea: SEAWARD)
        or prev_war
        and sentence_cues.provenance
        and nearest(sentence_cues.provenance, m, sentence_cues.switches) is not None
    ):
        dist["battlefield_use"] = None
    if (
        cues.POSSESSIVE_BEFORE.search(doc.work, max(sent.start, m.start - 25), m.start)
        and not m.contextual
        and not cues.TRANSFER_NOUN_AFTER.match(doc.work, m.end)  # "its arms supplies to Moscow": moved
        and not governs(doc, sentence_cues.transfer, m)  # "the North sent its shells to Russia": moved
    ):
        dist["shipment"] = None  # "to improve their weapons": owned, not moved
    found = {k: v for k, v in dist.items() if v is not None}
    if (
        not found
        and sentence_cues.provenance
        and nearest(sentence_cues.provenance, m, sentence_cues.switches) is not None
        and not party_voice
    ):
        m.decided = "made in the North, no verb"
        return "shipment"
    if not found and not party_voice and contents_of_shipment(doc, memory, sent, m):
        m.decided = "contents of a shipment"
        return "shipment"  # "the containers are believed to hold artillery ammunition"
    if not found:
        inherited = inherited_kind(doc, memory, sent, m)
        if inherited == "battlefield_use" and cues.FIRED_SEAWARD.search(doc.work, sent.start, sent.end):
            inherited = None  # missiles launched into the sea: a test at home, not the use told before
        if inherited:
            m.decided = "kind of a recent claim (no verb)"
            return inherited
        if m.value == "containers" and m.quantity is not None:
            m.decided = "a count of containers, no verb"
            return "shipment"
        return None
    kind = min(found, key=lambda k: (found[k], ("production", "shipment", "battlefield_use").index(k)))
    m.decided = "a battle verb governs the thing" if governed and kind == "battlefield_use" else _NEAREST_VERB[kind]
    if kind == "battlefield_use" and not party_voice and use_describes_contents(doc, memory, sent, m):
        m.decided = "contents of a shipment (a use describes them)"
        return "shipment"  # "containers that could hold 3 million shells used in the war": what they hold
    if (
        kind == "production"
        and "shipment" in found
        and found["shipment"] < 15
        and not cues.CAPACITY.search(doc.work, sent.start, sent.end)
    ):
        kind = "shipment"
        m.decided = "transfer verb beside a production cue"
    if (
        kind == "shipment"
        and cues.ORIGIN_AFTER.match(doc.work, m.end)
        and any(c.end() <= m.start for c in sentence_cues.battle)
        and "battlefield_use" in found
    ):
        kind = "battlefield_use"  # "Russian gunners are firing shells sourced from the North": a use
        m.decided = "battle verb before a thing sourced from the North"
    if kind == "shipment" and cues.USER_DEPLOYED_BEFORE.search(doc.work, max(sent.start, m.start - 90), m.start):
        kind = "battlefield_use"  # "Russia deployed four North Korean missiles overnight"
        m.decided = "a user deploys the thing"
    if kind == "shipment" and role_in_fight(doc, m):
        kind = "battlefield_use"  # "the shells supplied played a crucial role in Russia's advances"
        m.decided = "the thing's role in the fighting"
    if kind in ("shipment", "battlefield_use") and party_voice:
        return None  # the parties do not assert transfers, except in admissions (handled apart)
    return kind


def role_in_fight(doc: Document, m: Mention) -> bool:
    """The thing or force is the subject of a share in what the fighting won (cues.ROLE_IN_FIGHT_AFTER)."""
    return ("role" in doc.low[m.end : m.end + 90] or "contribut" in doc.low[m.end : m.end + 90]) and bool(
        cues.ROLE_IN_FIGHT_AFTER.match(doc.work, m.end)
    )


# The name of the rule when the nearest cue decides a thing's kind (``Mention.decided``).
_NEAREST_VERB = {
    "production": "nearest production cue",
    "shipment": "nearest transfer verb",
    "battlefield_use": "nearest battle verb",
}


def governs(doc: Document, verbs: list[re.Match[str]], m: Mention) -> bool:
    """One of the cue matches ends right before the thing, with only its determiners, amount and owner
    between: the thing is the verb's object."""
    start = min(m.start, m.quantity.start) if m.quantity is not None else m.start
    for c in verbs:
        if 0 <= start - c.end() <= 60:
            gap = cues.OBJECT_PREFIX.match(doc.work, c.end(), start)
            if gap is not None and gap.end() == start:
                return True
    return False


def an_armys_own(doc: Document, sent: Sentence, m: Mention) -> bool:
    """A thing Russia or Ukraine itself acts on, in a sentence that names no North Korean party: "Russia is firing
    thousands of rounds a day", "Moscow has massed 50,000 soldiers". The North's flow must be told in the claim's own sentence,
    not only somewhere in the article. A thing told before ("Russia fired the missiles"), one made from context,
    and one named by its model ("KN-23 missiles") may be the North's and are left to the other rules."""
    if sent.has_nk or m.contextual:
        return False
    start = min(m.start, m.quantity.start) if m.quantity is not None else m.start
    named = doc.work[m.start : m.end]
    if any(c.isupper() or c.isdigit() for c in named):
        return False
    window = max(sent.start, start - 90)
    return bool(
        cues.ARMY_ACTS_BEFORE.search(doc.work, window, start)
        and not cues.DEFINITE_BEFORE.search(doc.work, window, start)
        and not cues.DEFINITE_BEFORE.search(doc.work, max(sent.start, m.start - 40), m.start)  # "several of the guns"
    )


def unasserted(doc: Document, sent: Sentence, m: Mention) -> bool:
    """A thing told as a possibility, not a fact: talked about as "potential" or "possible", inside a worry about
    someone's suggestion, or moved by a transfer told only as what it "would" do."""
    window = max(sent.start, m.start - 200)
    low = doc.low[window : m.start]
    if any(map(low.__contains__, ("potential", "possible", "prospective"))) and cues.TALKED_POSSIBILITY_BEFORE.search(
        doc.work, window, m.start
    ):
        return True
    if any(map(low.__contains__, ("concern", "worr", "fear", "alarm", "anxiety"))) and (
        cues.WORRY_ABOUT_PROPOSAL_BEFORE.search(doc.work, window, m.start)
    ):
        return True
    return bool(
        "transfer" in low
        and cues.WOULD_AFTER_TRANSFER_OF.search(doc.work, max(sent.start, m.start - 60), m.start)
        and cues.SUBJECT_OF_WOULD_AFTER.match(doc.work, m.end, sent.end)
    )


# Searched before nearly every mention, and their words are rare: found as WindowCue finds them.
_ONE_OF_A_CLASS_BEFORE = WindowCue(cues.ONE_OF_A_CLASS_BEFORE)
_HELD_STOCK_BEFORE = WindowCue(cues.HELD_STOCK_BEFORE)
_CIVIL_PEOPLE = WindowCue(cues.CIVIL_PEOPLE)


def counted_elsewhere(doc: Document, sent: Sentence, m: Mention) -> bool:
    """The thing is only the class another thing belongs to ("the missile was one of the weapons used"), a stock
    someone holds ("an inventory of 185 jets"), or people counted at a border whatever their purpose ("13,000 North
    Koreans entered Russia"): no claim of its own."""
    if _ONE_OF_A_CLASS_BEFORE.search(doc, max(sent.start, m.start - 50), m.start):
        return True
    if _HELD_STOCK_BEFORE.search(doc, max(sent.start, m.start - 70), m.start):
        return True  # "its inventory, which included 185 jets": what is held, not what moved
    return bool(
        m.category == "troops"
        and not m.contextual
        and _CIVIL_PEOPLE.search(doc, max(sent.start, m.start - 30), m.end)
        and cues.ENTRY_STATISTICS.search(doc.work, sent.start, sent.end)
    )


def north_produces(doc: Document, sent: Sentence, sentence_cues: Cues, m: Mention) -> bool:
    """The output the nearest production cue speaks of is North Korea's: the last side named
    before the cue is the North ("Russia makes two million shells a year" is not)."""
    cue = min(sentence_cues.production, key=lambda c: abs(c.start() - m.start))
    before = doc.work[sent.start : cue.start()]
    sides = [(x.end(), "north") for x in lx.NK.finditer(before)] + [(x.end(), "russia") for x in lx.RU.finditer(before)]
    if not sides:
        return sent.has_nk
    if cues.PRONOUN_OWNER_BEFORE.search(doc.work, max(sent.start, cue.start() - 40), cue.start()):
        # "Russia imports shells from the North to cover its own arms production": "its" is the
        # subject's, the side that opens the sentence, not the last one named
        opening = [side for end, side in sorted(sides) if end <= 25]
        if opening:
            return opening[0] == "north"
    return max(sides)[1] == "north"


def contents_of_shipment(doc: Document, memory: Discourse, sent: Sentence, m: Mention) -> bool:
    """A thing said to be inside containers or cargo named here or just before is shipped."""
    if m.value == "containers" or not cues.CONTENTS_VERB_BEFORE.search(
        doc.work, max(sent.start, m.start - 90), m.start
    ):
        return False
    if any(x.value == "containers" for x in sent.items) or cues.CARGO.search(doc.work, sent.start, m.start):
        return True
    return any(item == "containers" and index >= sent.index - 2 for index, item in memory.context_items)


def use_describes_contents(doc: Document, memory: Discourse, sent: Sentence, m: Mention) -> bool:
    """ "Containers that could hold 3 million shells used in the war", "..., which Russia fires at Ukraine": a use
    told of what containers hold says which things they are, not that these were used."""
    return bool(cues.USE_DESCRIBES_AFTER.match(doc.work, m.end)) and contents_of_shipment(doc, memory, sent, m)


def people_kind(
    doc: Document, memory: Discourse, sent: Sentence, m: Mention, sentence_cues: Cues, ru_context: bool
) -> str | None:
    moves = sentence_cues.deploy
    if m.quantity is None and moves and any(cues.LEAVING.fullmatch(c.group(0)) for c in moves):
        # "soldiers who returned from combat", "forces have withdrawn from the front": the end of a
        # deployment told before, not a new one
        moves = [c for c in moves if not cues.LEAVING.fullmatch(c.group(0))]
    moves = [c for c in moves if not cues.provides_another(doc.work, c, m.start, m.end)]
    described = cues.moved_before(doc.work, m.end) if m.quantity is None and not m.contextual else None
    if described and not any(
        described[1] <= c.start() <= described[1] + 40 and "," not in doc.work[described[1] : c.start()]
        for c in sentence_cues.battle
    ):
        # with a fight for their verb ("soldiers sent by the North have been fighting in Kursk") the sentence
        # still tells of the soldiers sent
        moves = [c for c in moves if not described[0] <= c.start() < described[1]]
    deploy = nearest(moves, m, sentence_cues.switches)
    present = False  # the deployment is told by a presence cue ("stationed in"), not a verb of moving
    # "embraced returning soldiers and knelt before portraits of troops who died fighting", "sent shells, troops
    # and missiles, which Moscow has been using in strikes": a combat verb in a relative clause of another
    # group of people, or of a thing named after them, is that group's or that thing's
    others = [
        x.end
        for x in sent.items
        if x.start > m.end
        and lx.ITEM_CATEGORY.get(x.value) in ("troops", "personnel", "materiel")
        and cues.RELATIVE_AFTER.match(doc.work, x.end)
    ]
    fights = [c for c in sentence_cues.battle if not any(end <= c.start() for end in others)]
    battle = nearest(fights, m, sentence_cues.switches)
    if (
        deploy is None
        and battle is None
        and sentence_cues.presence
        and not (
            m.quantity is None
            and (
                cues.HARMED_AFTER.match(doc.work, m.end, sent.end)
                or cues.BEFALLEN_BEFORE.search(doc.work, max(sent.start, m.start - 40), m.start)
            )
        )
    ):
        # ("troops are being eliminated in Kursk": where they are struck, told of people known to be there)
        deploy = nearest(sentence_cues.presence, m, sentence_cues.switches)
        present = deploy is not None
    if (
        battle is not None
        and not (
            ru_context
            or _FRONT_WORD.search(doc.work[sent.start : sent.end])
            # the war named a few sentences back still frames fighting told in a quotation ("They attacked our lines")
            or any(x.has_ru or x.has_war for x in doc.sentences[max(0, sent.index - 3) : sent.index])
        )
    ):
        battle = None
    base = "troop_deployment" if m.category == "troops" else "personnel_dispatch"
    if m.category == "personnel" and not ru_context:
        return None
    if deploy is None and battle is None:
        if (m.quantity is not None or doc.low.startswith(cues.PRESENCE_WORD, m.end - 8)) and ru_context:
            m.decided = "a count of people in Russia's war, no verb" if m.quantity is not None else "a presence word"
            return base  # a count of soldiers there, or "a North Korean military presence": sent
        inherited = inherited_kind(doc, memory, sent, m)
        m.decided = "kind of a recent claim (no verb)"
        return inherited
    if battle is not None and (deploy is None or battle < deploy) and m.category == "troops":
        m.decided = "nearest battle verb"
        return "battlefield_use"
    if m.category == "troops" and ru_context and role_in_fight(doc, m):
        m.decided = "the force's role in the fighting"
        return "battlefield_use"  # "the North's troop deployment contributed to the recapture of Kursk"
    m.decided = "presence cue" if present else "nearest deployment verb"
    return base


def inherited_kind(doc: Document, memory: Discourse, sent: Sentence, m: Mention) -> str | None:
    """A figure with no verb of its own ("up from the million shells") restates an earlier claim's kind."""
    if m.quantity is None and not m.extra:
        return None
    for index, kind, item in reversed(memory.context_claims):
        if index < sent.index - 3:
            break
        if item == m.value and not kind:
            return None  # the thing was last named in a clause that reports nothing
        if item == m.value and kind in ("shipment", "troop_deployment", "personnel_dispatch", "battlefield_use"):
            return kind
    return None


def battle_after(doc: Document, sent: Sentence, m: Mention, mentions: list[Mention]) -> bool:
    """Sent and also used: a combat verb in a clause of its own after the item ("... missiles
    and fires them at cities", "troops who have taken part in combat"), with no other thing
    named in between (that verb would be about the other thing)."""
    after = doc.work[m.end : sent.end]
    hit = next((h for h in cues.battle_matches(after) if not cues.in_purpose(after, h.start())), None)
    if not hit or cues.NEGATED_BEFORE.search(after, max(0, hit.start() - 30), hit.start()):
        return False
    if cues.ABLE_TO_BEFORE.search(after, max(0, hit.start() - 30), hit.start()):
        return False  # "shells which can be fired by Russian guns": what the thing is fit for, not a use told
    if cues.CLAUSE_SWITCH.search(after, 0, hit.start()):
        return False  # "moved there because Ukrainian brigades had attacked": another clause's fighting
    # "missiles and launchers, which Russia has fired": a clause after a list is about every thing listed
    end = m.end
    for x in sorted(mentions, key=lambda x: x.start):
        if x.start >= end and x.category == m.category and cues.LIST_JOIN.fullmatch(doc.work, end, x.start):
            end = x.end
    if end > m.end and not (
        cues.RELATIVE_AFTER.match(doc.work, end)
        # "procured missiles and ammunition from the North and used them against Ukraine": the pronoun after the
        # combat verb takes in every thing listed
        or cues.ALL_OF_THEM_AFTER.match(after, hit.end())
    ):
        end = m.end
    if any(end <= x.start < m.end + hit.start() for x in mentions if x is not m and x.category != "casualty"):
        return False
    return bool(_CLAUSE_WORD.search(after[: hit.start()]))


def share_of_them(doc: Document, sent: Sentence, m: Mention) -> QuantityMatch | None:
    """ "60 missiles ..., of which around half malfunctioned" / "of them two hit": the part
    the later clause is about, as a fraction or a count."""
    # "100 missiles to Russia, 40 of which have been fired": the count told first, in its own clause
    before = next(
        (
            q
            for q in doc.quantities(sent.start, sent.end)
            if 0 < q.start - m.end <= 80
            and doc.work[m.end : q.start].rstrip().endswith(",")
            and cues.COUNT_OF_WHICH.match(doc.work, q.end, sent.end)
        ),
        None,
    )
    if before is not None:
        return before
    rel = cues.OF_WHICH.search(doc.work, m.end, sent.end)
    if rel is None:
        return None
    frac = cues.FRACTION_OF_WHICH.match(doc.work, rel.end(), sent.end)
    if frac is not None:
        got = parse_fraction(frac.group(0))
        if got.quantity is not None:
            return QuantityMatch(frac.start(), frac.end(), got.quantity, got.bound or "exact", None)
    return next((q for q in doc.quantities(sent.start, sent.end) if q.start == rel.end()), None)


# The technology of help that names no domain ("Russian technical support").
GENERIC_TECHNOLOGY = "military_technology"


def tech_domains(doc: Document, sent: Sentence) -> list[str]:
    got = doc.domains_cache.get(sent.start)
    if got is None:  # asked for each mention and denial of the sentence: found once
        got = doc.domains_cache[sent.start] = find_tech_domains(doc, sent)
    return list(got)


def find_tech_domains(doc: Document, sent: Sentence) -> list[str]:
    """The domains of help named in a sentence; a list of things shipped ("providing shells, missiles
    and rockets in exchange for technical support") is what is paid for, not the help's domain."""
    text = doc.work[sent.start : sent.end]
    things = [m for m in sent.items if lx.ITEM_CATEGORY.get(m.value) == "materiel"]
    listed = {
        id(x) for a, b in zip(things, things[1:]) if cues.LIST_JOIN.fullmatch(doc.work, a.end, b.start) for x in (a, b)
    }
    for m in things:
        if id(m) in listed:
            lo, hi = m.start - sent.start, m.end - sent.start
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    found = domains(text)
    if not found and launch_context(doc, sent):
        return ["satellite_technology"]
    return found[:3] or [GENERIC_TECHNOLOGY]


# The words for what the North sells Russia, in the phrases that value its trade ("arms sales", "weapons exports").
_ARMS = r"(?:arms|weapons?|munitions?|ammunition|military)"


_SUPPLIES_FROM = re.compile(
    r"\b(?:supplies|supply|shipments?|deliveries|exports?|cargoes|cargo)\s+(?:of\s+[\w-]+\s+)?from\s+(?:the\s+)?", re.I
)
_TO_ANOTHER = re.compile(r"\bto\s+(?:the\s+)?(?!North\b|Pyongyang\b|DPRK\b)[A-Z]")


_FROM_THIRD_STATE = re.compile(r"\bfrom\s+(?:the\s+)?(?:China|Beijing|Chinese|Iran|Tehran|Iranian|Belarus|Minsk)\b")
_RUSSIA_NAMED = re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin|Vostochny|Vladivostok|Nakhodka)\b")


def flows_to_north(doc: Document, sent: Sentence) -> bool:
    text = doc.work[sent.start : sent.end]
    if cues.IN_RETURN.search(text):
        return True
    # goods the North gets from a third state, in a sentence that names no Russia ("North Korea imports most of its oil
    # from China", "bought fuel from Chinese traders"): no payment from Russia, whatever the verb
    if _FROM_THIRD_STATE.search(text) and not _RUSSIA_NAMED.search(text):
        return False
    north = (
        r"(?:North\s+Korea|Pyongyang|the\s+North|the\s+Kim\s+(?:government|regime|family)|the\s+regime\s+in\s+Pyongyang"
        r"|(?:the\s+)?DPRK|Kim\s+Jong[-\s]?Un)"  # "to the DPRK", "to Kim Jong Un's regime"
    )
    if re.search(rf"\b(?:to|into|for|reach(?:ed|es|ing)?|arriv(?:ed|es|ing)\s+in)\s+{north}\b", text):
        return True
    # the North's coffers filled: "arms sales to Moscow are filling Pyongyang's coffers", "North Korea ..., as arms
    # deliveries bolster state coffers" (not Russia's)
    if re.search(rf"\b{north}(?:'s|\u2019s)\s+(?:state\s+)?coffers\b", text, re.I) or (
        re.search(rf"\b{north}", text, re.I)
        and re.search(r"(?<!Russia's\s)(?<!Moscow's\s)(?<!Kremlin's\s)(?<!Russian\s)\bstate\s+coffers\b", text)
    ):
        return True
    # paid back in kind: "compensated North Korea with food", "rewarded Pyongyang with oil", "lent the North"; or
    # helped: "assisted Pyongyang in unfreezing its assets", "helps the North with food"
    if re.search(
        rf"\b(?:earn\w*|brought|bring\w*|net\w*|compensat\w*|reward\w*|repa(?:id|ys?|ying)|furnish\w*|lent|lend\w*"
        rf"|help(?:s|ed|ing)?|assist(?:s|ed|ing)?)"
        rf"\s+{north}\b",
        text,
        re.I,
    ):
        return True
    if re.search(
        # ("secured", not "Security": "from the DPRK to Russia violates UN Security Council resolutions"); the North's
        # people paid are the North paid ("North Koreans will receive $2.50 an hour"), and income it "generated" is earned
        # (or bought: "North Korea bought Russian oil", "Pyongyang has purchased petrol from Russia")
        rf"\b(?:{north}|North\s+Koreans)\b[\w\s,'-]{{0,40}}\b(?:receiv\w*|get|gets|got|getting|obtain\w*|import\w*|earn\w*"
        rf"|b(?:uy|uys|ought|uying)|purchas(?:e|es|ed|ing)"
        rf"|generat(?:e|es|ed|ing)|paid|repaid|rewarded|compensated|secur(?:e|es|ed|ing))\b"
        # the North's own ships fetching the goods: "North Korean tankers have been carrying oil from Vostochny"
        rf"|\b{north}n?\s+(?:[\w-]+\s+){{0,2}}?(?:tankers?|vessels?|ships?|freighters?|trains?|trucks?)\b[\w\s,'-]{{0,40}}?"
        r"\b(?:carr(?:y|ies|ied|ying)|ship(?:s|ped|ping)|load(?:s|ed|ing)?|transport(?:s|ed|ing)?|fetch\w*|pick(?:s|ed|ing)\s+up)\b"
        r"[\w\s,'-]{0,60}?\b(?:from|at)\s+(?:the\s+|an?\s+)?(?:Russia|Russian|Vostochny|Vladivostok|Nakhodka)",
        text,
        re.I,
    ):
        return True
    # What the North's arms sales earned ("North Korea's export of weapons to Russia last year earned the regime
    # $540 million"), or the North earning in a second predicate ("has sent 20,000 containers ... and is estimated to
    # have earned ..."): the money flows to the seller (unless the sales named are to another buyer, as China).
    earned = re.search(
        rf"\b{north}(?:'s|\u2019s)\s+(?:[\w-]+\s+){{0,6}}?(?:exports?|sales?|trade|shipments?|supplies)\b[^.;]{{0,60}}?\bearn\w*"
        # what its arms sales are worth is what they earn: "the North's arms sales to Russia, estimated at up to $5.5
        # billion" (its coal exports' income is no payment for arms)
        # (the North as owner or as adjective: "North Korean arms deliveries to Russia ... to be between $1.7 billion and
        # $5.5 billion")
        rf"|\b(?:{north}(?:'s|\u2019s)|North\s+Korean)\s+(?:[\w-]+\s+){{0,3}}?{_ARMS}\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:exports?|sales?|trade|shipments?|supplies|deliver(?:y|ies))\b[^.;]{{0,90}}?(?:\bgenerat\w*|\bworth\b|\bvalued\b|\$)"
        # the North the seller, and the money the value of its arms trade: "$1.7 billion in arms shipments"
        rf"|\b{north}\b[^.;]{{0,160}}?\$[\d.,]+\s*(?:(?:billion|million|bn|mn|m)\s+)?(?:in|of|worth\s+of)\s+"
        rf"(?:[\w-]+\s+){{0,2}}?{_ARMS}\s+(?:sales|exports|shipments|deliveries|trade|supplies)\b"
        rf"|\b{north}\b[^.;]{{0,120}}?(?:,|\band)\s+(?:(?:is|was|has|have|had|been|estimated|believed|thought|said|reported"
        rf"|likely|to)\s+){{0,5}}earn(?:s|ed)\b",
        text,
        re.I,
    )
    if earned is not None and not cues.OTHER_SUPPLIER.search(earned.group(0)):
        return True
    if cues.MONEY_TO_RUSSIA.search(text):
        return False  # "oil shippers providing revenue to the Russian government": money for Moscow, not the North
    sent_from = _SUPPLIES_FROM.search(text)
    if sent_from is not None and lx.RU.match(text, sent_from.end()) and not _TO_ANOTHER.search(text, sent_from.end()):
        # "oil supplies from the Vostochny port could amount to 125,000 barrels": goods from Russia, told where the
        # North is the story (the caller reads a payment only there) and no other buyer is named, go to the North
        return True
    if re.search(
        # "Russia" as the one that gives, not the one given to ("transferring arms to Russia, and providing ...")
        r"(?<!\bto\s)\b(?:Russia|Moscow|Russian|Kremlin)\b[\w\s,'-]{0,40}\b(?:provid\w*|suppl\w*|sen[dt]\w*|ship\w*|deliver\w*|export\w*|gave|giv\w*|pa(?:id|ys?|ying)|transfer\w*"
        r"|sell(?:s|ing)?|sold)\b",
        text,
        re.I,
    ):
        return True
    return False


def assign_casualties(doc: Document, mentions: list[Mention], marks: list[Mention]) -> dict[int, Mention]:
    """Pair casualty words with the people they count: "3,000 soldiers killed or wounded",
    "killed or wounded 3,000 soldiers", "capture of two soldiers". A counted group wins over
    an uncounted one ("units have lost several thousand men killed")."""
    work = doc.work
    people = [m for m in mentions if m.category in ("troops", "personnel")]
    pairs: dict[int, Mention] = {}
    describing_casualties(doc, people, marks)
    # "captured two wounded soldiers": the casualty word after the count describes the soldiers;
    # the one before it (with the count) says what happened to them.
    for before, after in zip(marks, marks[1:]):
        q = after.quantity
        if (
            before.quantity is None
            and q is not None
            and before.end <= q.start
            and not work[before.end : q.start].strip()
        ):
            before.quantity, after.quantity, after.consumed = q, None, True
    for mark in marks:
        if mark.consumed:
            continue
        scored: list[tuple[tuple[int, int], Mention]] = []
        for p in people:
            if id(p) in pairs:
                continue
            if p.end <= mark.start:
                gap = work[p.end : mark.start]
                if cues.CASUALTY_GAP_BREAK.search(gap) or (
                    len(gap) > 50 and (len(gap) > 140 or not cues.CASUALTY_SUBJECT_GAP.fullmatch(gap))
                ):
                    continue
                if mark.quantity is not None and p.quantity is not None:
                    continue  # "300 soldiers killed and 2,700 wounded": each has its own count
                scored.append(((0 if p.quantity is not None else 1, len(gap)), p))
            elif (
                p.start >= mark.end
                # measured to the people's count when they have one: "killed an estimated 3,000 elite
                # North Korean soldiers" is as close as "killed 3,000 soldiers"
                and min(p.start, p.quantity.start if p.quantity is not None else p.start) - mark.end <= 30
                and ((p.quantity is not None) != (mark.quantity is not None) or p.picked_from)
                # "a general was killed, and three soldiers were injured": the people open a clause of their own
                and not cues.CLAUSE_OPENING_GAP.search(work, mark.end, min(p.start, (p.quantity or p).start))
            ):
                scored.append(((0, p.start - mark.end), p))
        if scored:
            best = min(scored, key=lambda x: x[0])[1]
            pairs[id(best)] = mark
            mark.consumed = True
    # People with no count, next to a counted group that took the mark, are the same group.
    for p in people:
        if (
            id(p) not in pairs
            and p.quantity is None
            and any(q.quantity is not None and id(q) in pairs and 0 <= q.start - p.end <= 40 for q in people)
        ):
            p.consumed = True
    return pairs


def describing_casualties(doc: Document, people: list[Mention], marks: list[Mention]) -> None:
    """A casualty word that only describes the people, when another casualty word says what happened to them:
    "several wounded soldiers died after being captured" (the count is of the dead and the captured) and "captured two
    soldiers wounded in battle" (two captured). The describing word is no claim of its own."""
    work = doc.work
    for mark in marks:
        q = mark.quantity
        if q is not None and q.end <= mark.start:
            p = next(
                (
                    x
                    for x in people
                    if x.start >= mark.end and cues.DESCRIBED_PEOPLE_GAP.fullmatch(work, mark.end, x.start)
                ),
                None,
            )
            if p is None or p.quantity is not None:
                continue
            told = [
                x
                for x in marks
                if x.start >= p.end
                and x.quantity is None
                and not cues.CLAUSE_OPENING_GAP.search(work, p.end, x.start)
                and x.start - p.end <= 60
            ]
            if told:
                for x in told:
                    x.quantity = q
                mark.quantity, mark.consumed = None, True
        elif q is None and mark.value == "wounded":
            p = next((x for x in people if x.end <= mark.start and not work[x.end : mark.start].strip()), None)
            if (
                p is not None
                and p.quantity is not None
                and cues.DESCRIBING_PHRASE_AFTER.match(work, mark.end)
                and any(x is not mark and x.end <= p.start and p.start - x.end <= 40 for x in marks)
            ):
                mark.consumed = True


def wounds_of_prisoners(doc: Document, sent: Sentence, mark: Mention) -> bool:
    """A wound told of people taken prisoner, in the same clause ("the two wounded soldiers" in an interrogation,
    "though wounded, survived", "captured ... died from his injuries"): the prisoners' state, not a casualty claim
    (convention 24g). A wound that counts people of its own ("wounded 30 others", "captured two and 30 were
    wounded": another count between) and a list of fates ("wounded or captured") stay claims."""
    if mark.value != "wounded":
        return False
    own = mark.quantity
    if own is not None and own.start >= mark.end:
        return False  # "... and wounded 30 others": the verb's own count
    work = doc.work
    for told in cues.PRISONERS_TOLD.finditer(work, max(sent.start, mark.start - 60), min(sent.end, mark.end + 60)):
        lo, hi = (told.end(), mark.start) if told.end() <= mark.start else (mark.end, told.start())
        if cues.CLAUSE_OPENING_GAP.search(work, lo, hi):
            continue
        if cues.FATES_JOINED.fullmatch(work, lo, hi) and not told.group().lower().startswith("surviv"):
            continue  # "wounded or captured": two fates ("wounded, survived" is one man's)
        between = work[lo:hi] if own is None else work[lo : max(lo, own.start)] + work[min(hi, own.end) : hi]
        if cues.COUNT_WORD.search(between):
            continue  # "captured two soldiers and 30 were wounded": each group counted
        return True
    return False


def other_sides_losses(doc: Document, sent: Sentence, marks: list[Mention]) -> list[Mention]:
    """The casualty words of a sentence that count another side's own dead ("Russia is also suffering major
    casualties", "Kiev's forces had sustained 76,000 casualties", "with Russian losses estimated at 500,000"), or
    victims counted after the word ("killed 24 people", "cost the lives of thousands of Ukrainians"): convention 25j.

    Where the sentence also names the North, a word is the other side's when it is inside those losses or after
    them with no naming of the North between ("Russian forces have lost 40,000 men, and North Korean troops
    2,000"), or before them where the North is neither named between nor just before the word ("the deployment of
    North Korean troops ... after the huge casualties inflicted on his army, with Russian losses at 500,000"); so
    "North Korean troops suffered 3,000 casualties, while Russian losses were larger" keeps its claim. "Its losses"
    points back to the side the sentence names, and is read so only where the sentence names no part of the
    North."""
    work, s, e = doc.work, sent.start, sent.end
    # a side joined to the North loses with it ("North Korea and Russia have suffered 3,000 casualties", "North
    # Korean and Russian forces"): their losses together are the North's too
    losers = [
        (m.start(), m.end())
        for m in cues.G_OTHER_SIDE_LOSSES.finditer(doc.idx, s, e)
        if (m.group("verb") is None or not cues.SIDE_NOT_LOSING_BEFORE.search(work, max(s, m.start() - 16), m.start()))
        and not cues.NK_OWNER_JOINED.search(work, max(s, m.start() - 30), m.start())
    ]
    # the victims counted after the word, unless the North is named just after them in their clause ("killed 20
    # people, six of them North Korean officers": a part of them is the North's)
    for m in cues.G_VICTIMS_COUNTED.finditer(doc.idx, s, e):
        stop = min(e, m.end() + 60)
        clause_break = cues.VICTIMS_CLAUSE_END.search(work, m.end(), stop)
        if not lx.NK.search(work, m.end(), clause_break.start() if clause_break else stop):
            losers.append((m.start(), m.end()))
    if not sent.has_nk and (sent.has_ru or sent.has_war) and "its " in doc.low[s:e]:
        # "its" is another side's only where that side is named before it in the sentence, not as a place or a side
        # fought against: "North Korea sent 11,000 soldiers. Its casualties in Russia's war have reached 3,000"
        # points back to the North named in the sentence before
        losers += [
            (m.start(), m.end())
            for m in cues.ITS_LOSSES.finditer(work, s, e)
            if any(
                not cues.SIDE_NOT_LOSING_BEFORE.search(work, max(s, side.start() - 16), side.start())
                for side in cues.SIDE_NAMED.finditer(work, s, m.start())
            )
        ]
    if not losers:
        return []
    if not sent.has_nk:
        return list(marks)
    north = [m.start() for m in lx.NK.finditer(work, s, e)]

    def others(mark: Mention) -> bool:
        start = mark.quantity.start if mark.quantity is not None else mark.start
        for lo, hi in losers:
            if lo < mark.end and mark.start < hi:
                return True  # inside the losses ("Russian losses", "cost the lives of thousands of Ukrainians")
            if hi <= mark.start and not any(hi <= n < mark.start for n in north):
                return True  # told after them
            if lo >= mark.end and not any(start - 60 <= n < lo for n in north):
                return True  # told before them, the North named neither between nor just before
        return False

    return [m for m in marks if others(m)]


def troops_near(doc: Document, sent: Sentence, mark: Mention, mentions: list[Mention]) -> bool:
    """Soldiers beside a casualty word: a group named in the sentence, the North named just before
    it, or one of the North's soldiers just after it ("a captured North Korean soldier")."""
    return (
        any(m.category in ("troops", "personnel") for m in mentions)
        or bool(cues.NK_OWNER.search(doc.work, max(sent.start, mark.start - 60), mark.start))
        or bool(cues.NK_SOLDIER_AFTER.match(doc.work, mark.end, sent.end))
    )

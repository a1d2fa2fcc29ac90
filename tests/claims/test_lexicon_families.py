"""Lexicon families (issue 14, session 9): words and phrases whose absence alone cost a claim on real
development text, each added with the rest of its family. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.support.claim_readings import claims, readings

# --- a death told as a life lost or given -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seoul's spy agency believes several North Korean soldiers have lost their lives near Sudzha.",
        "A Ukrainian commander said dozens of North Korean infantrymen gave their lives in one assault in Kursk.",
        "Kyiv counts about 150 North Korean troops KIA in the Kursk region since January.",
        "Pyongyang held a state funeral for 101 fallen soldiers who had served in Russia's Kursk region.",
    ],
)
def test_a_life_lost_or_given_is_a_death(text):
    assert ("casualties", "killed") in readings(text)


def test_a_life_lost_keeps_its_count():
    text = "Kyiv says 40 North Korean soldiers lost their lives in Kursk this week."
    got = [c for c in claims(text) if c.item == "killed"]
    assert [c.quantity for c in got] == [40]


def test_losing_ground_or_a_battle_is_no_death():
    text = "North Korean units fighting for Russia in Kursk lost their positions and their vehicles, Kyiv said."
    assert ("casualties", "killed") not in readings(text)


# --- praise and thanks from the North's own side for its soldiers ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Putin lauded the courage shown by North Korean soldiers in driving Ukrainian units out of Kursk.",
        "The Kremlin leader hailed the KPA's soldiers as true brothers in arms of Russia during the Kursk operation.",
        "Kim Jong Un paid tribute to the North Korean soldiers who fought for Russia in the Kursk region.",
        "Putin expressed his gratitude to the North Korean troops who helped Russia retake Kursk.",
    ],
)
def test_praise_for_the_norths_soldiers_from_its_side_is_an_admission(text):
    assert ("confirmation", "troops") in readings(text)


def test_praise_from_a_third_party_admits_nothing():
    text = "Zelensky praised Ukrainian paratroopers who captured two North Korean soldiers near Kursk."
    assert "confirmation" not in {kind for kind, _ in readings(text)}


def test_praise_for_russias_own_troops_alone_admits_nothing_about_the_norths():
    text = "Putin praised Russian troops in Kursk and said North Korea was a reliable partner."
    assert "confirmation" not in {kind for kind, _ in readings(text)}


# --- the things conveyed: a ship or a train carrying, ferrying or hauling them -------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("A sanctioned freighter has been carrying North Korean military cargo to Russia, analysts said.", "munitions"),
        ("Russian-flagged vessels ferried North Korean artillery shells from Rajin to Vostochny.", "artillery_shells"),
        ("Freight trains hauled North Korean rockets across the Tumen bridge into Russia, images show.", "rockets"),
    ],
)
def test_a_thing_carried_ferried_or_hauled_to_russia_is_shipped(text, item):
    assert ("shipment", item) in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said the strike was carried out with a North Korean KN-23 missile launched by Russian forces.",
        "The new North Korean missile, shown at a parade as Russian guests watched, can carry several warheads.",
    ],
)
def test_a_strike_carried_out_or_a_payload_carried_ships_nothing(text):
    assert not any(kind == "shipment" for kind, _ in readings(text))


def test_carrying_a_message_between_the_leaders_ships_nothing():
    text = "Lavrov was carrying a personal letter from Putin to Kim Jong Un, Russian state media said."
    assert not any(kind == "shipment" for kind, _ in readings(text))


# --- arms help named as aid ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Washington says North Korean military assistance keeps flowing into Russia by rail and by sea.",
        "North Korea's lethal aid to Russia has grown since the summer, a NATO official said.",
    ],
)
def test_the_norths_military_aid_moving_to_russia_is_a_munitions_shipment(text):
    assert ("shipment", "munitions") in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Under their pact, North Korea and Russia promised each other mutual military aid.",
        "The treaty obliges North Korea to provide military assistance to Russia in case of an attack.",
    ],
)
def test_aid_promised_by_a_treaty_is_not_aid_sent(text):
    assert ("shipment", "munitions") not in readings(text)


# --- jets named beside another technology are jets -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seoul says Moscow finally agreed to give Pyongyang missile technology and modern fighter jets.",
        "Russia will supply space technology as well as MiG-29 jets to North Korea, a defector claimed.",
    ],
)
def test_jets_listed_after_a_technology_are_jets_not_aircraft_know_how(text):
    got = readings(text)
    assert ("technology_transfer", "fighter_jets") in got
    assert ("technology_transfer", "aircraft_technology") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Russia is helping North Korea upgrade its ageing fighter jets, Seoul's spy agency said.",
        "Russian engineers will bring technology for the North's fighter jets, South Korea believes.",
    ],
)
def test_help_or_technology_for_the_norths_jets_is_aircraft_know_how(text):
    assert ("technology_transfer", "aircraft_technology") in readings(text)


# --- what industry is built and fed with -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In return Moscow arranged to ship materials, among them wheat, to the North, the Treasury said.",
        "Russia sent building materials and non-ferrous metals to North Korea as payment for the shells.",
    ],
)
def test_materials_and_metals_sent_to_the_north_are_raw_materials(text):
    assert ("compensation", "raw_materials") in readings(text)


def test_the_bombs_or_the_wars_materials_are_not_raw_materials():
    text = "Seoul fears Russia could pass nuclear materials and military materials to North Korea in return for troops."
    assert ("compensation", "raw_materials") not in readings(text)


# --- alarm voiced at the move, and the move called an act of despair ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Canberra expressed deep concern over North Korea's dispatch of troops to Russia's war.",
        "NATO responded with alarm to reports that North Korean soldiers had been sent to Russia.",
        "Brussels called the deployment of North Korean troops to Russia a desperate gamble by the Kremlin.",
    ],
)
def test_alarm_at_or_scorn_for_the_deployment_is_a_condemnation(text):
    assert ("condemnation", "troops") in readings(text)


def test_concern_about_a_weapons_test_at_home_condemns_no_transfer():
    text = "Seoul expressed serious concern after North Korea test-fired a missile into the sea as Lavrov visited."
    assert not any(kind == "condemnation" for kind, _ in readings(text))


def test_gratitude_in_quotation_marks_from_the_north_side_is_still_an_admission():
    text = 'Putin expressed "gratitude" to the North Korean forces who helped Russia in Kursk.'
    assert ("confirmation", "troops") in readings(text)


# --- soldiers named by their arm or role ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("Kyiv's spies say Pyongyang flew 1,500 paratroopers to the Kursk region in March.", 1500),
        ("North Korea has sent about 300 snipers to Russia, Ukrainian intelligence claims.", 300),
        ("Seoul says North Korea dispatched 200 drone operators to Russia this spring.", 200),
        ("North Korea deployed marines and commandos to Russia's Kursk region, Seoul said.", None),
    ],
)
def test_soldiers_named_by_their_arm_or_role_are_troops(text, count):
    got = [c for c in claims(text) if (c.kind, c.item) == ("troop_deployment", "troops")]
    assert got and got[0].quantity == count


def test_the_other_sides_drone_operators_are_not_the_norths_troops():
    text = "Ukrainian drone operators near Sudzha said they had spotted North Korean soldiers in Kursk."
    assert all(c.quantity is None for c in claims(text) if c.item == "troops")
    assert "troop_deployment" in [c.kind for c in claims(text)]


def test_past_service_as_conscripts_is_no_deployment():
    text = "The North Korean labourers working in Russia once served as conscripts at home, Seoul says."
    assert ("troop_deployment", "troops") not in readings(text)


# --- things given in a trade, or lent -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has bartered artillery shells with Russia for grain and fuel, officials say.",
        "North Korea swapped rockets for Russian know-how, Seoul's spy agency believes.",
        "Pyongyang furnished Moscow's army with 240mm rockets, a Ukrainian officer said, shipped via Russia.",
        "North Korea lent Russia dozens of Koksan howitzers, Kyiv says.",
    ],
)
def test_bartered_swapped_furnished_or_lent_things_are_shipped(text):
    assert any(kind == "shipment" for kind, _ in readings(text))


# --- the staples and fuels Russia gives back --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("Russia shipped maize, soybeans and potatoes to North Korea in return for the shells.", "food"),
        ("Russia sent cooking oil and flour to North Korea, the report says.", "food"),
        ("Russia delivered crude and kerosene to North Korea by rail as payment.", "oil"),
    ],
)
def test_staples_and_fuels_sent_to_the_north_are_its_payment(text, item):
    assert ("compensation", item) in readings(text)


def test_cooking_oil_is_food_not_fuel():
    assert ("compensation", "oil") not in readings("Russia sent cooking oil and flour to North Korea, the report says.")


# --- the North's weapons by their designations and spellings ---------------------------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("Kyiv says Russia fired a North Korean Hwaseong-11 missile at Kharkiv in January.", "ballistic_missiles"),
        ("North Korea shipped M1991 launchers to Russia last autumn, Kyiv said.", "multiple_rocket_launchers"),
        ("North Korea sent 170mm guns to Russia, and Kyiv's army says they are now near Kursk.", "self_propelled_guns"),
        ("Pyongyang delivered M1978 Koksans to Russia in October, the think tank found.", "self_propelled_guns"),
    ],
)
def test_a_weapon_named_by_its_designation_is_its_item(text, item):
    assert item in {got for _, got in readings(text)}


def test_a_designated_launcher_is_one_item_not_two():
    items = {item for _, item in readings("North Korea shipped M1991 launchers to Russia, Kyiv said.")}
    assert items == {"multiple_rocket_launchers"}


# --- the North's army placed in the war is its soldiers ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin called the stories about the DPRK military near Kursk absurd.",
        "Seoul believes North Korea's army in Russia has grown to about 14,000 men.",
    ],
)
def test_the_norths_army_placed_in_the_war_is_troops(text):
    assert "troops" in {item for _, item in readings(text)}


def test_the_norths_army_at_home_is_no_deployment():
    text = "The North Korean army held drills near Pyongyang as Russia's defence minister arrived."
    assert "troops" not in {item for _, item in readings(text)}


# --- paid back in kind ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("In return Russia has compensated North Korea with food, Seoul's spy agency says.", "food"),
        ("Moscow rewarded Pyongyang with oil for the soldiers it sent, officials in Seoul believe.", "oil"),
    ],
)
def test_russia_compensating_or_rewarding_the_north_pays_it(text, item):
    assert ("compensation", item) in readings(text)


def test_russia_rewarding_its_own_soldiers_pays_the_north_nothing():
    text = "Russia rewarded its own soldiers with cash bonuses for fighting beside North Korean troops in Kursk."
    assert not any(kind == "compensation" for kind, _ in readings(text))


# --- arms and ammunition named by kind -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has delivered thousands of tonnes of explosives to Russia, Ukrainian intelligence says.",
        "Pyongyang shipped rifles, machine guns and grenades to Russia in the autumn, a defector said.",
        "North Korea has also sent aerial bombs to Russia, according to Kyiv.",
    ],
)
def test_arms_named_by_kind_sent_to_russia_are_munitions(text):
    assert ("shipment", "munitions") in readings(text)


def test_a_russian_guns_barrel_is_no_shipment():
    text = "Defective North Korean shells have burst the barrels of Russian cannons, Kyiv said, and hurt the crews."
    assert ("shipment", "munitions") not in readings(text)


# --- what Russia gives back: aircraft by model, air defence by name, data and sales ------------------------------


@pytest.mark.parametrize(
    "text, item",
    [
        ("Moscow has agreed to provide Pyongyang with Su-35 fighters, Seoul's spy chief said.", "fighter_jets"),
        ("Russia agreed to sell North Korea MiG-29s in return for the troops, a report said.", "fighter_jets"),
        ("Russia has given North Korea Buk launchers to guard Pyongyang, Ukrainian intelligence says.", "air_defense"),
        ("Russia handed over radar systems and anti-drone equipment to North Korea, the report says.", "air_defense"),
        ("Russia shared missile data with North Korea to improve its guidance, monitors say.", "missile_technology"),
    ],
)
def test_what_russia_gives_the_north_by_model_or_name(text, item):
    assert ("technology_transfer", item) in readings(text)


def test_a_model_number_and_its_noun_are_one_thing_not_soldiers():
    got = readings("Moscow has agreed to provide Pyongyang with Su-35 fighters, Seoul's spy chief said.")
    assert "troops" not in {item for _, item in got}


def test_satellite_imagery_of_a_port_is_evidence_not_technology():
    text = "New satellite imagery of Rajin port shows North Korean containers waiting for Russian ships."
    assert ("technology_transfer", "satellite_technology") not in readings(text)


# --- near misses: the trade and the shell firm name no technology and no shells ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "North Korea shipped shells to Russia, tech companies monitoring the port said.",
        "Seoul's technology sector shrugged as North Korea shipped shells to Russia.",
    ],
)
def test_the_tech_trade_is_no_technology_given(text):
    assert not any(kind == "technology_transfer" for kind, _ in readings(text))


def test_a_shell_company_holds_no_shells():
    text = "Washington sanctioned shell companies in Vladivostok that moved North Korean money for Russia."
    assert "artillery_shells" not in {item for _, item in readings(text)}


# --- people sent to teach or run weapons (session 10) --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Last month Pyongyang also sent rocket launcher specialists to Russia to show the gun crews how to fire them.",
        "North Korea has sent drone technicians to Russia, a Ukrainian commander says.",
        "Seoul believes the North dispatched personnel to teach the Russians to maintain the howitzers.",
        "The North sent artillery instructors to Kursk along with the guns, Kyiv said.",
    ],
)
def test_people_sent_to_teach_or_run_weapons_are_weapons_experts(text):
    assert ("personnel_dispatch", "weapons_experts") in readings(text)


def test_specialists_named_by_a_weapon_are_not_the_weapon():
    text = (
        "Last month Pyongyang also sent rocket launcher specialists to Russia to show the gun crews how to fire them."
    )
    assert "multiple_rocket_launchers" not in {item for _, item in readings(text)}


def test_the_soldiers_taught_are_not_troops_sent():
    text = "North Korea sent missile specialists to Russia to teach soldiers how to launch the KN-23."
    got = readings(text)
    assert ("personnel_dispatch", "weapons_experts") in got
    assert ("troop_deployment", "troops") not in got


def test_personnel_sent_to_fight_stay_troops():
    text = "North Korea sent military personnel to Russia to fight in Kursk, Seoul says."
    got = readings(text)
    assert ("troop_deployment", "troops") in got
    assert ("personnel_dispatch", "weapons_experts") not in got


def test_north_korean_soldiers_trained_in_russia_stay_troops():
    text = "Russia is training North Korean soldiers in its Far East before sending them to Kursk, Kyiv says."
    assert ("troop_deployment", "troops") in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang said North Korean subunits had fought alongside Russian forces in Kursk.",
        "Kyiv says North Korean sub-units are fighting in the Kursk region.",
    ],
)
def test_subunits_are_troops(text):
    assert ("battlefield_use", "troops") in readings(text)


# --- what the North's arms sales earned it: cash with its figure (a total, not convention 15b's rate of pay) ---------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("Seoul reckons that North Korea's sale of shells to Russia last year earned the regime $300 million.", 3e8),
        (
            "North Korea has shipped 9,000 containers of arms to Russia and is thought to have earned 2 trillion won.",
            2e12,
        ),
        ("The North's arms exports to Moscow earned it some 400 billion won, a think tank estimates.", 4e11),
    ],
)
def test_what_the_norths_arms_sales_earned_is_cash_with_its_figure(text, figure):
    got = [c for c in claims(text) if (c.kind, c.item) == ("compensation", "cash")]
    assert [c.quantity for c in got] == [figure]
    assert got[0].direction == "RU->NK"


def test_a_verb_won_is_no_currency():
    text = "North Korea sent 3,000 troops to Russia, and Kyiv says the 3,000 won the Kremlin's praise."
    assert ("compensation", "cash") not in readings(text)


# --- dependence on the North: "cannot manage without", and "relies on" only with the North relied on (session 10) -----


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv's spy chief said the Kremlin could not fight on without shells from Pyongyang.",
        "Zelensky says Moscow can't manage without North Korean ammunition any more.",
        "Russia now relies on North Korea for most of its artillery rounds, analysts say.",
    ],
)
def test_dependence_on_the_north_is_a_supply_share(text):
    assert ("supply_share", "share_of_supply") in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia may give MiG-29s to North Korea, whose air force relies on ageing Soviet jets, a magazine says.",
        "Pyongyang cannot manage without Russian oil this winter, a Seoul think tank says.",
    ],
)
def test_the_norths_own_reliance_is_no_supply_share(text):
    assert ("supply_share", "share_of_supply") not in readings(text)


def test_thanks_for_the_soldiers_feat_from_the_norths_side_is_an_admission():
    text = "On Monday the Russian president thanked North Korea's leader Kim Jong Un for the heroism of his soldiers in Kursk."
    assert ("confirmation", "troops") in readings(text)


def test_thanks_for_help_in_general_admits_no_troops():
    text = "Putin thanked Kim Jong Un for the support of the North Korean people at a dinner in Pyongyang."
    assert ("confirmation", "troops") not in readings(text)


def test_what_sales_to_another_buyer_earned_is_no_payment_from_russia():
    text = "North Korea's sale of coal and other goods to Chinese buyers last year earned it $300 million, Seoul says."
    assert ("compensation", "cash") not in readings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv says a captured North Korean soldier watched his fellow soldiers die near Sudzha.",
        "North Korean troops in Kursk are dying in large numbers, Ukrainian officers say.",
        "A North Korean soldier in Kursk was shot to death as he tried to flee, Kyiv says.",
    ],
)
def test_a_death_told_by_the_verb_die_or_by_its_manner_is_a_killed_casualty(text):
    assert ("casualties", "killed") in readings(text)


def test_troops_sent_to_fight_and_die_are_sent_not_yet_dead():
    # what they are sent for is no report of a death
    got = readings("Kyiv says North Korea sent troops to Russia to fight and die for Putin.")
    assert ("troop_deployment", "troops") in got, got
    assert ("casualties", "killed") not in got, got


@pytest.mark.parametrize("where", ["outside", "foreign", "overseas", "external"])
def test_the_norths_place_as_russias_leading_outside_supplier_is_its_share(where):
    # the corpus README: "leading supplier" is a share of supply without a figure, whatever names its origin
    got = readings(f"Analysts say North Korea has become Russia's leading {where} arms supplier.")
    assert ("supply_share", "share_of_supply") in got, got

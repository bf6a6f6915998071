"""Country from context (actors/context.py): sentence, dateline, the article's main country."""

from __future__ import annotations

import pytest


def _actor(doc, text):
    for actor in doc.actors:
        if any(m.text.lower().endswith(text.lower()) for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor {text!r}: {[(a.code, [m.text for m in a.mentions]) for a in doc.actors]}")


PERU = (
    "Peruvian authorities are struggling to contain extortion gangs in the north of the country. "
    "In Trujillo, shopkeepers say they pay every week. "
    "The police arrested four men on Tuesday after a raid on a house used by the gang. "
    "Prosecutors accused the men of running the racket from prison. "
    "The government of Peru has declared a state of emergency in several districts."
)


def test_state_bodies_take_the_country_of_the_article(coder):
    doc = coder.code_text(PERU, date="2023-10-05")
    police = _actor(doc, "The police")
    assert police.country == "PER" and police.code == "PERCOP"
    assert police.country_from in ("sentence", "document")
    prosecutors = _actor(doc, "Prosecutors")
    assert prosecutors.code == "PERJUD"
    assert _actor(doc, "The government of Peru").country_from == "text"
    for event in doc.events:
        if event.source is not None and event.source.actor == police.id:
            assert event.source.country == "PER"


def test_the_sentence_beats_the_article(coder):
    text = (
        "Colombia's army has fought the ELN for decades. Colombian officials met in Bogota. "
        "Across the border in Venezuela, soldiers detained two smugglers near Maracaibo."
    )
    doc = coder.code_text(text, date="2022-03-01")
    soldiers = _actor(doc, "soldiers")
    assert (soldiers.country, soldiers.country_from) == ("VEN", "sentence")


def test_dateline(coder):
    text = "KYIV (Reuters) - Air raid sirens sounded for hours overnight. The military said on Sunday it had shot down eleven drones."
    doc = coder.code_text(text, date="2024-02-04")
    military = _actor(doc, "The military")
    assert (military.country, military.country_from) == ("UKR", "dateline")


def test_agentless_arrest_is_the_police_of_the_place(coder):
    text = "Three suspected gang members were arrested in Arequipa on Friday, according to a statement."
    doc = coder.code_text(text, date="2023-06-02")
    arrests = [e for e in doc.events if e.cameo.startswith("173")]
    assert arrests, [(e.cameo, e.trigger.text) for e in doc.events]
    assert arrests[0].source is not None and arrests[0].source.code == "PERCOP"


def test_no_context_no_country(coder):
    doc = coder.code_text("The police arrested four men on Tuesday after a raid.", date="2023-10-05")
    police = _actor(doc, "The police")
    assert police.country is None and police.country_from is None


@pytest.mark.parametrize("text", ["the police arrested four men in lima on tuesday.", "THE POLICE ARRESTED FOUR MEN IN LIMA ON TUESDAY."])
def test_context_in_caseless_text(coder, text):
    doc = coder.code_text(text, date="2023-10-05")
    assert _actor(doc, "police").country == "PER"


def test_a_country_set_on_the_actor_shows_in_every_reference(coder):
    # references hold their actor: the context stage sets the country once, on the actor, and
    # every event and statement referring to it sees it (no second patch)
    doc = coder.code_text(PERU, date="2023-10-05")
    police = _actor(doc, "The police")
    refs = [r for e in doc.events for r in (e.source, e.target) if r is not None and r.actor == police.id]
    assert refs and all(r.referent is police and (r.code, r.country) == ("PERCOP", "PER") for r in refs)
    # a speaker no event refers to: the statement's reference shows the country all the same
    said = coder.code_text("Peru has declared a state of emergency in Trujillo. Prosecutors said the racket was run from a prison in Lima.", date="2023-10-05")
    [statement] = said.statements
    speaker = next(a for a in said.actors if a.id == statement.speaker.actor)
    assert speaker.country_from == "sentence"
    assert (statement.speaker.code, statement.speaker.country) == (speaker.code, speaker.country) == ("PERJUD", "PER")


def test_an_actor_changed_after_the_events_exist_is_seen_by_its_references(prepared, built):
    doc = prepared("The police arrested four men on Tuesday after a raid.", date="2023-10-05")
    events = built(doc, doc.sentences[0])
    arrest = next(e for e in events if e.cameo.startswith("173"))
    assert arrest.source is not None and (arrest.source.code, arrest.source.country) == ("COP", None)
    police = doc.resolution.actor(arrest.source.actor)
    police.country, police.code = "BOL", "BOLCOP"
    assert (arrest.source.code, arrest.source.country, arrest.source.sector) == ("BOLCOP", "BOL", "COP")
    assert arrest.source.own.country is None  # nothing copied onto the reference


def test_the_implied_police_is_a_new_reference_of_the_event(coder):
    text = "Three suspected gang members were arrested in Arequipa on Friday. Two more were arrested in Cusco."
    doc = coder.code_text(text, date="2023-06-02")
    sources = [e.source for e in doc.events if e.cameo.startswith("173")]
    assert len(sources) == 2 and all(s is not None and s.actor is None and s.referent is None for s in sources)
    assert [(s.code, s.country, s.sector) for s in sources] == [("PERCOP", "PER", "COP")] * 2
    assert sources[0] is not sources[1]


def test_a_speakers_country_is_not_taken_from_what_it_says(coder):
    doc = coder.code_text("LIMA, May 2 - Spokesman Jorge Vega said Bolivia had lied about the border.")
    [statement] = doc.statements
    assert statement.speaker.country == "PER"


def test_the_dateline_after_a_repeated_headline_counts_and_a_quote_before_he_does_not(coder):
    title = "Houthis vow to answer the strikes"
    text = (
        f"{title}\n\nSANAA, Jan. 12 - Yemen's Houthis said they would answer the strikes. "
        'Military spokesman Brigadier Tarek Obaid said the raids had hit three towns. "British and American bases are now targets," he said.'
    )
    doc = coder.code_text(text, title=title)
    spokesman = next(s.speaker for s in doc.statements if s.speaker.text.startswith("Military spokesman"))
    assert spokesman.country == "YEM"


def test_a_dateline_city_the_story_never_names_again_is_only_where_the_reporter_is(coder):
    doc = coder.code_text("GENEVA, March 3 - The UN rights chief said four protesters had been executed. She urged the authorities to stop. Iran's courts rejected the appeals.")
    assert [a.country for a in doc.actors if a.name == "authorities"] == ["IRN"]


def test_in_lower_case_text_us_is_no_country(coder):
    doc = coder.code_text("the minister told us the talks were over. the minister said the army would stay in the north.")
    assert "USA" not in {a.country for a in doc.actors}


def test_a_local_hospital_takes_the_country_of_the_story(coder):
    text = (
        "Doctors in Kenya are on strike over unpaid wages. The hospital in Kisumu said it had suspended "
        "routine surgery. Kenyan officials blamed the county."
    )
    doc = coder.code_text(text, date="2023-06-01")
    assert _actor(doc, "The hospital").country == "KEN"


def test_quoted_civilians_do_not_take_the_country_where_the_quote_was_said(coder):
    text = (
        'Fighting between the army and rebels in South Sudan has displaced thousands. '
        '"Civilians must be protected at all costs," the African Union envoy said in Addis Ababa on Friday. '
        'Residents of Juba said civilians had fled to the border.'
    )
    doc = coder.code_text(text, date="2023-04-02")
    quoted = next(a for a in doc.actors if any(m.text == "Civilians" for m in a.mentions))
    assert quoted.country != "ETH"
    assert _actor(doc, "Residents of Juba").country == "SSD"  # a place in the mention's own words still counts


def test_a_spokesperson_speaks_for_the_body_of_the_sentence_before(coder):
    text = (
        "HANOI, May 3 - Vietnamese fishing boats were rammed near the Paracel Islands on Friday, Hanoi said. "
        "Japan's coast guard said it had sent a patrol vessel to the area. "
        "Spokesman Kenji Watanabe accused Vietnamese boats of entering closed waters."
    )
    doc = coder.code_text(text, date="2024-05-03")
    spokesman = _actor(doc, "Spokesman Kenji Watanabe")
    assert spokesman.country == "JPN"  # not Vietnam, where the story is datelined


def test_local_rights_groups_and_health_bodies_take_the_story_country(coder):
    # a rights group or a hospital's chief in a British story is British; a foreign one is named so
    text = (
        "the uk government defended its new detention powers in parliament on monday. "
        "human rights groups criticised the plans. "
        "the chief executive of the local nhs trust warned of delays at british hospitals."
    )
    doc = coder.code_text(text, date="2005-01-10")
    assert _actor(doc, "human rights groups").country == "GBR"
    chief = _actor(doc, "the chief executive of the local nhs trust")
    assert chief.sector == "HLH" and chief.country == "GBR"  # not a business, which may be foreign


def test_the_dateline_is_where_the_reporter_is_not_who_acts(coder):
    text = (
        "BANGKOK (Reuters) - The junta extended emergency rule on Monday. The junta said elections "
        "would be held next year. Thai officials said hundreds of refugees had crossed the border. "
        "Myanmar's opposition condemned the decision. Myanmar has been in turmoil since the coup, "
        "and Myanmar's economy has collapsed."
    )
    doc = coder.code_text(text, date="2023-02-01")
    junta = _actor(doc, "The junta")
    assert junta.country == "MMR" and junta.country_from == "document"
    assert _actor(doc, "Thai officials").country == "THA"


def test_a_foreign_dateline_does_not_outweigh_the_story(coder):
    # the reporter is in Paris; the story, and so its junta, is Burkina Faso's
    text = (
        "PARIS, March 3 (Reuters) - The junta extended its rule by three years on Friday. "
        "Burkina Faso's opposition condemned the decision. A French diplomat said they were concerned. "
        "Burkina Faso's main party called for protests."
    )
    doc = coder.code_text(text, date="2023-03-03")
    junta = _actor(doc, "The junta")
    assert (junta.country, junta.country_from) == ("BFA", "document")


def test_a_country_that_opens_a_persons_name_is_no_country(coder):
    # "Israel", "Jordan", "Chad" are given names too: the police here are Brazil's
    text = (
        "Gang violence has surged in southern Brazil this year. "
        "Police are investigating the murder of 19-year-old Israel Soares Neto, whose body was found in a car on Sunday, Folha reported."
    )
    doc = coder.code_text(text, date="2024-03-05")
    assert _actor(doc, "Police").country == "BRA"

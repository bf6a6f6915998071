"""actors/mentions.py and actors/coding.py: actor mentions of one sentence, coded from the text."""

from __future__ import annotations

from tacitus.actors.coding import DocMatches
from tacitus.actors.mentions import sentence_mentions
from tacitus.document import CodingDoc
from tacitus.model import Document

TEXT = "The harvest was good. Hungarian and Romanian officials met the Pope in Rome on Tuesday."


def _mentions(coder, text, date=None):
    [parsed] = coder.parser.parse([("", text)])
    doc = CodingDoc.of(Document(text=text), parsed, None)
    out = []
    for sentence in doc.sentences:
        matches = DocMatches.build(sentence.doc, coder.actors, coder.matcher)
        out.extend(sentence_mentions(sentence, matches, doc.day))
    return out


def test_compound_actor_and_document_offsets(coder):
    mentions = _mentions(coder, TEXT)
    officials = next(m for m in mentions if m.text == "Hungarian and Romanian officials")
    assert [(c.country, c.sector) for c in officials.members] == [("HUN", "GOV"), ("ROU", "GOV")]
    assert TEXT[officials.start : officials.end] == officials.text
    assert officials.sentence == 1 and officials.key[0] == 1  # the second sentence's slot
    # "in Rome" is where they met, not an actor
    assert not any(m.text == "Rome" for m in mentions)


def test_unparsed_sentences_keep_dictionary_names(coder):
    text = "Ecuador and Colombia share a long border. The weather there is wet."
    mentions = _mentions(coder, text)
    assert [m.text for m in mentions] == ["Ecuador", "Colombia"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_anaphor_says_what_it_may_refer_to(coder):
    mentions = _mentions(coder, "NATO met in Brussels. The bloc condemned the attack.")
    bloc = next(m for m in mentions if m.text == "The bloc")
    assert bloc.coding.kind == "anaphor" and bloc.coding.refers_to == "igo"
    assert bloc.coding.sector is None  # the sector field keeps its meaning


def test_coordinated_actors_are_marked_as_named_together(coder):
    text = "Ministers from Kenya met officials on Monday. Uganda and Tanzania rejected the proposal, and Burundi stayed away."
    mentions = {m.text: m for m in _mentions(coder, text)}
    uganda, tanzania = mentions["Uganda"], mentions["Tanzania"]
    assert uganda.together == tanzania.together == uganda.key
    # a country in another clause, not coordinated with them
    assert mentions["Burundi"].together is None


def test_a_country_name_on_a_noun_is_marked_and_a_lower_case_place_is_no_actor(coder):
    mentions = _mentions(coder, "The Syria war has cost billions, the bishop said, and Syrian towns lie in ruins.")
    syria = next(m for m in mentions if m.text == "Syria")
    assert syria.modifier  # the topic of "the Syria war", not an actor in it
    assert not any(m.modifier for m in mentions if m.text == "Syrian")  # a nationality adjective is no name
    lower = _mentions(coder, "the bishop criticised the money spent on the war in syria and on weapons.")
    assert not any(m.text == "syria" for m in lower)  # "in syria": where, as with capitals


def test_a_group_takes_the_country_where_it_is_or_comes_from(coder):
    mentions = _mentions(coder, "A drug cartel from Bolivia has reportedly formed an alliance with criminal gangs in Chile and Argentina. Soldiers in Chile arrested ten men.")
    cartel = next(m for m in mentions if m.text.endswith("cartel"))
    gangs = next(m for m in mentions if m.text == "criminal gangs")
    assert [(c.country, c.sector) for c in cartel.members] == [("BOL", "CRM")]
    assert [c.country for c in gangs.members] == ["CHL", "ARG"]
    # troops are often abroad: where they are says nothing of whose they are
    soldiers = next(m for m in mentions if m.text == "Soldiers")
    assert [c.country for c in soldiers.members] == [None]


def test_a_bare_spokesperson_is_a_person_without_a_country_of_his_own(coder):
    mentions = _mentions(coder, "A spokeswoman accused the rebels of breaking the truce.")
    spokeswoman = next(m for m in mentions if m.text == "A spokeswoman")
    assert [(c.kind, c.country, c.sector) for c in spokeswoman.members] == [("person", None, None)]


def test_a_known_surname_after_another_given_name_is_someone_else(coder):
    known = _mentions(coder, "Police said President Gustavo Petro condemned the attack.", date=None)
    assert any(c.person == "Gustavo Petro" for m in known for c in m.members)
    namesake = _mentions(coder, "Police in Lima arrested Julio Cesar Petro, a local gang boss.")
    assert not any(c.person == "Gustavo Petro" for m in namesake for c in m.members)


def test_a_lower_case_surname_after_a_form_of_address_is_the_person(coder):
    # lower-cased archives: the tagger reads "hewitt" after "ms" as a common noun
    text = "patricia hewitt said the plan was good. ms hewitt was speaking at a seminar. the seminar was long."
    doc = coder.code_text(text, date="2004-06-01")
    hewitt = next(a for a in doc.actors if a.name == "Patricia Hewitt")
    assert [m.text for m in hewitt.mentions].count("ms hewitt") == 1
    assert not any(m.text == "the seminar" for a in doc.actors for m in a.mentions)  # no title, no name

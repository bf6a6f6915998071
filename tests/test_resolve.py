"""actors/resolve.py: the resolver on plain mentions (no parse): many names, one actor."""

from __future__ import annotations

from tacitus.actors.coding import Coding
from tacitus.actors.mentions import RawMention
from tacitus.actors.resolve import resolve_actors


def _mention(sentence, head, text, *members):
    return RawMention(head=head, start=0, end=len(text), text=text, sentence=sentence, members=list(members), key=(sentence, head))


def _ids(resolution, mention):
    return resolution.by_head.get(mention.key, [])


def test_pronoun_joins_the_latest_subject_of_its_gender():
    minister = _mention(0, 1, "Peru's foreign minister", Coding(country="PER", sector="GOV", kind="person", name="foreign minister", gender="f"))
    president = _mention(0, 6, "Chilean president", Coding(country="CHL", sector="GOV", kind="person", name="president", gender="m"))
    she = _mention(1, 0, "She", Coding(kind="pronoun", gender="f", name="She"))
    resolution = resolve_actors([minister, president, she], subjects={minister.key})
    assert _ids(resolution, she) == _ids(resolution, minister) != _ids(resolution, president)
    assert [m.text for m in resolution.actor(_ids(resolution, she)[0]).mentions] == ["Peru's foreign minister", "She"]


def test_surname_and_title_join_the_named_person():
    full = _mention(0, 2, "Gustavo Petro", Coding(country="COL", sector="GOV", kind="person", person="Gustavo Petro", name="Gustavo Petro", titles=frozenset({"president"})))
    surname = _mention(1, 0, "Petro", Coding(kind="person", person="Petro", name="Petro"))
    title = _mention(2, 1, "the president", Coding(kind="person", name="president", definite_title=True, titles=frozenset({"president"})))
    resolution = resolve_actors([full, surname, title], subjects=set())
    assert _ids(resolution, full) == _ids(resolution, surname) == _ids(resolution, title)
    assert len(resolution.actors) == 1 and resolution.actors[0].code == "COLGOV"


def test_groups_are_one_actor_per_code_and_the_two_sides_name_both():
    peru = _mention(0, 0, "Peru", Coding(country="PER", kind="country", name="Peru"))
    chile = _mention(0, 2, "Chile", Coding(country="CHL", kind="country", name="Chile"))
    again = _mention(1, 3, "Peru", Coding(country="PER", kind="country", name="Peru"))
    sides = _mention(2, 1, "the two sides", Coding(kind="dyad", plural=True, name="the two sides"))
    resolution = resolve_actors([peru, chile, again, sides], subjects=set())
    assert _ids(resolution, peru) == _ids(resolution, again)
    assert sorted(_ids(resolution, sides)) == sorted(_ids(resolution, peru) + _ids(resolution, chile))


def test_anaphor_finds_an_actor_of_its_kind():
    nato = _mention(0, 0, "NATO", Coding(country="IGO", sector="IGO", code="IGOWSTNAT", kind="organisation", name="NATO"))
    peru = _mention(0, 4, "Peru", Coding(country="PER", kind="country", name="Peru"))
    bloc = _mention(1, 1, "the bloc", Coding(kind="anaphor", name="bloc", refers_to="igo"))
    kingdom = _mention(1, 5, "the kingdom", Coding(kind="anaphor", name="kingdom", refers_to="country"))
    resolution = resolve_actors([nato, peru, bloc, kingdom], subjects=set())
    assert _ids(resolution, bloc) == _ids(resolution, nato)
    assert _ids(resolution, kingdom) == _ids(resolution, peru)


def test_group_anaphor_takes_the_actors_named_together_last():
    chile = _mention(0, 0, "Chile", Coding(country="CHL", kind="country", name="Chile"))
    peru = _mention(0, 2, "Peru", Coding(country="PER", kind="country", name="Peru"))
    un = _mention(1, 0, "the UN", Coding(country="IGO", sector="IGO", kind="organisation", name="United Nations"))
    these = _mention(2, 1, "these governments", Coding(kind="dyad", plural=True, name="these governments"))
    resolution = resolve_actors([chile, peru, un, these], subjects=set())
    assert sorted(_ids(resolution, these)) == sorted(_ids(resolution, chile) + _ids(resolution, peru))


def test_group_anaphor_prefers_a_plural_group_of_the_same_noun():
    brazil = _mention(0, 0, "Brazil", Coding(country="BRA", kind="country", name="Brazil"))
    europe = _mention(0, 3, "European governments", Coding(country="EUR", sector="GOV", kind="group", name="European governments", plural=True))
    these = _mention(1, 0, "These governments", Coding(kind="dyad", plural=True, name="These governments"))
    resolution = resolve_actors([brazil, europe, these], subjects=set())
    assert _ids(resolution, these) == _ids(resolution, europe)


def test_surname_joins_the_person_not_a_place_of_that_name():
    full = _mention(0, 2, "Foreign Minister Ana Soler", Coding(country="ESP", sector="GOV", kind="person", person="Ana Soler", name="Ana Soler"))
    town = _mention(1, 0, "Soler", Coding(country="PHL", kind="group", name="Soler"))
    resolution = resolve_actors([full, town], subjects=set())
    assert _ids(resolution, town) == _ids(resolution, full)


def test_group_anaphor_takes_one_member_per_country():
    lithuania = _mention(0, 0, "Lithuania", Coding(country="LTU", kind="country", name="Lithuania"))
    poland = _mention(0, 2, "Poland", Coding(country="POL", kind="country", name="Poland"))
    government = _mention(1, 1, "the Lithuanian government", Coding(country="LTU", sector="GOV", kind="group", name="Lithuanian government"))
    pair = _mention(2, 1, "the two countries", Coding(kind="dyad", plural=True, name="the two countries"))
    resolution = resolve_actors([lithuania, poland, government, pair], subjects=set())
    countries = sorted(resolution.actor(i).country for i in _ids(resolution, pair))
    assert countries == ["LTU", "POL"]


def test_he_is_never_an_indefinite_person():
    minister = _mention(0, 1, "Prime Minister Ana Ruiz", Coding(country="PER", sector="GOV", kind="person", person="Ana Ruiz", name="Ana Ruiz", gender="m"))
    civilian = _mention(1, 5, "a single civilian", Coding(sector="CVL", kind="person", name="civilian"))
    he = _mention(2, 0, "He", Coding(kind="pronoun", gender="m", name="He"))
    resolution = resolve_actors([minister, civilian, he], subjects={minister.key, civilian.key})
    assert _ids(resolution, he) == _ids(resolution, minister)


def test_he_after_a_quote_is_the_speaker_not_a_person_named_in_the_quote():
    minister = _mention(0, 1, "The minister", Coding(country="CUB", sector="GOV", kind="person", person="Ana Ruiz", name="Ana Ruiz", gender="m"))
    named = _mention(0, 9, "President John Hale", Coding(country="USA", sector="GOV", kind="person", person="John Hale", name="John Hale", gender="m"))
    he = _mention(2, 0, "He", Coding(kind="pronoun", gender="m", name="He"))
    resolution = resolve_actors([minister, named, he], subjects={minister.key})
    assert _ids(resolution, he) == _ids(resolution, minister)


def test_the_words_of_a_persons_title_name_that_person():
    prince = _mention(0, 4, "Saudi Crown Prince Mohammed bin Salman", Coding(country="SAU", sector="GOV", kind="person", person="Mohammed bin Salman", name="Mohammed bin Salman"))
    again = _mention(1, 8, "the crown prince", Coding(sector="GOV", kind="group", name="crown prince"))
    resolution = resolve_actors([prince, again], subjects=set())
    assert _ids(resolution, again) == _ids(resolution, prince)


def test_a_bare_surname_joins_the_person_named_before_or_no_one():
    full = _mention(0, 3, "deputy prime minister john prescott", Coding(country="GBR", sector="GOV", kind="person", person="John Prescott", name="John Prescott"))
    again = _mention(1, 4, "mr prescott", Coding(kind="surname", name="prescott"))
    stranger = _mention(2, 1, "Mr Ortega", Coding(kind="surname", name="Ortega"))
    resolution = resolve_actors([full, again, stranger], subjects=set())
    assert _ids(resolution, again) == _ids(resolution, full)
    assert _ids(resolution, stranger) == [] and len(resolution.actors) == 1


def test_they_after_a_coordination_names_every_conjunct():
    chile = _mention(0, 0, "Chile", Coding(country="CHL", kind="country", name="Chile"))
    peru = _mention(0, 2, "Peru", Coding(country="PER", kind="country", name="Peru"))
    chile.together = peru.together = chile.key
    farmers = _mention(0, 6, "farmers", Coding(country="BOL", sector="AGR", kind="group", plural=True, name="farmers"))
    they = _mention(1, 0, "They", Coding(kind="pronoun", plural=True, name="They"))
    resolution = resolve_actors([chile, peru, farmers, they], subjects={chile.key})
    assert sorted(_ids(resolution, they)) == sorted(_ids(resolution, chile) + _ids(resolution, peru))
    # named together as objects, with a plural group as subject: "they" is the subject group
    farmers = _mention(0, 0, "farmers", Coding(country="BOL", sector="AGR", kind="group", plural=True, name="farmers"))
    chile, peru = _mention(0, 3, "Chile", chile.coding), _mention(0, 5, "Peru", peru.coding)
    chile.together = peru.together = chile.key
    resolution = resolve_actors([farmers, chile, peru, they], subjects={farmers.key})
    assert _ids(resolution, they) == _ids(resolution, farmers)


def test_the_two_sides_are_the_parties_named_together_not_a_mediator():
    chile = _mention(0, 0, "Chile", Coding(country="CHL", kind="country", name="Chile"))
    peru = _mention(0, 2, "Peru", Coding(country="PER", kind="country", name="Peru"))
    chile.together = peru.together = chile.key
    bolivia = _mention(1, 0, "Bolivia", Coding(country="BOL", kind="country", name="Bolivia"))
    pair = _mention(1, 4, "the two countries", Coding(kind="dyad", plural=True, name="the two countries"))
    resolution = resolve_actors([chile, peru, bolivia, pair], subjects=set())
    assert sorted(_ids(resolution, pair)) == sorted(_ids(resolution, chile) + _ids(resolution, peru))
    # "The UN met … and its chief urged both sides": the mediators are no side
    un = _mention(2, 0, "the UN", Coding(country="IGO", sector="IGO", kind="organisation", name="United Nations"))
    chief = _mention(2, 3, "its chief", Coding(country="IGO", sector="IGO", kind="person", name="chief"))
    sides = _mention(2, 6, "both sides", Coding(kind="dyad", plural=True, name="both sides"))
    resolution = resolve_actors([chile, peru, un, chief, sides], subjects=set())
    assert sorted(_ids(resolution, sides)) == sorted(_ids(resolution, chile) + _ids(resolution, peru))


def test_the_government_is_not_a_country_named_only_as_a_topic():
    iraq = _mention(0, 1, "iraq", Coding(country="IRQ", kind="country", name="iraq"))
    iraq.modifier = True  # "the iraq war"
    government = _mention(1, 4, "the government", Coding(kind="anaphor", name="government", refers_to="country", unanchored="GOV"))
    resolution = resolve_actors([iraq, government], subjects=set())
    assert _ids(resolution, government) != _ids(resolution, iraq)
    assert resolution.actor(_ids(resolution, government)[0]).sector == "GOV"
    iraq.modifier = False  # "iraq said …": the country acts, its government is meant
    resolution = resolve_actors([iraq, government], subjects=set())
    assert _ids(resolution, government) == _ids(resolution, iraq)


def test_a_surname_opening_a_sentence_joins_the_person_named_before(coder):
    doc = coder.code_text("Prosecutors in Chile charged Hector Salgado with fraud. Salgado was detained in May. Charges were filed again.", date="2021-07-01")
    salgado = next(a for a in doc.actors if a.name == "Hector Salgado")
    assert [m.text for m in salgado.mentions] == ["Hector Salgado", "Salgado"]
    detained = next(e for e in doc.events if e.trigger.text == "detained")
    assert detained.target is not None and detained.target.actor == salgado.id
    assert not any(m.text == "Charges" for a in doc.actors for m in a.mentions)  # a common noun names no one


def test_a_two_word_alias_joins_the_person_first_named_with_it():
    boss = _mention(0, 3, 'gang leader Rigoberto Salas, alias "El Flaco"', Coding(kind="person", person="Rigoberto Salas", name="Rigoberto Salas", country="HND"))
    alias = _mention(2, 0, "El Flaco", Coding(kind="person", person="El Flaco", name="El Flaco"))
    other = _mention(3, 0, "El Gordo", Coding(kind="person", person="El Gordo", name="El Gordo"))
    resolution = resolve_actors([boss, alias, other], subjects=set())
    assert _ids(resolution, alias) == _ids(resolution, boss)
    assert _ids(resolution, other) != _ids(resolution, boss)


def test_both_groups_are_the_non_state_groups_named_together_even_of_one_country():
    cartel = _mention(0, 1, "the Norte Cartel", Coding(country="COL", sector="CRM", kind="group", name="Norte Cartel"))
    gang = _mention(0, 4, "the Rastrojos", Coding(country="COL", kind="organisation", name="Rastrojos"))
    cartel.together = gang.together = cartel.key
    army = _mention(1, 0, "the army", Coding(country="COL", sector="MIL", kind="group", name="army"))
    both = _mention(1, 5, "both groups", Coding(kind="dyad", plural=True, name="both groups"))
    resolution = resolve_actors([cartel, gang, army, both], subjects={cartel.key})
    assert sorted(_ids(resolution, both)) == sorted(_ids(resolution, cartel) + _ids(resolution, gang))


def test_the_government_paragraphs_after_a_country_only_acted_on_is_the_storys_own():
    us = _mention(0, 6, "the united states", Coding(country="USA", kind="country", name="the united states"))
    government = _mention(3, 2, "the government", Coding(kind="anaphor", name="government", refers_to="country", unanchored="GOV"))
    resolution = resolve_actors([us, government], subjects=set())
    assert _ids(resolution, government) != _ids(resolution, us)  # left to the story's country (context.py)
    # the country acting in the sentence before is the one meant
    near = _mention(2, 0, "the united states", Coding(country="USA", kind="country", name="the united states"))
    resolution = resolve_actors([near, government], subjects={near.key})
    assert _ids(resolution, government) == _ids(resolution, near)

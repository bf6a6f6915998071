"""events/build.py (with events/extract.py and events/places.py): triggers -> events between
the resolved actors of a prepared document."""

from __future__ import annotations

from tacitus.statements import sentence_statements


def test_meeting_between_resolved_actors_with_place_and_date(prepared, built):
    text = "The weather was fine. Peru's foreign minister met her Chilean counterpart in Santiago on Friday."
    doc = prepared(text, date="2024-03-05")
    [event] = built(doc, doc.sentences[1])
    assert (event.source.code, event.root, event.target.code) == ("PERGOV", "04", "CHLGOV")
    assert event.place is not None and (event.place.name, event.place.country) == ("Santiago", "CHL")
    assert event.sentence == 1 and event.date is None  # dated by the qualify stage (test_qualify.py)
    assert text[event.trigger.start : event.trigger.end] == "met"
    assert text[event.source.start : event.source.end] == "Peru's foreign minister"


def test_coordinated_parties_meet_each_other(prepared, built):
    doc = prepared("Ecuador and Colombia held talks on border security.")
    events = built(doc, doc.sentences[0])
    assert sorted((e.source.code, e.target.code) for e in events) == [("COL", "ECU"), ("ECU", "COL")]


def test_inanimate_subject_and_sanction_appeal(prepared, built):
    doc = prepared("Heavy rains killed 40 people in Bolivia. Brazil called for sanctions against Venezuela.")
    rains, appeal = (built(doc, s) for s in doc.sentences)
    assert rains == []  # a force of nature is no actor
    demand = next(e for e in appeal if e.trigger.text == "called")
    assert demand.cameo == "100" and demand.source.code == "BRA"  # it demands, it does not appeal (02)


def test_claims_are_attributed_to_their_speaker(coder, prepared, built):
    doc = prepared("Bolivia said Peruvian troops attacked a border post.")
    speech = sentence_statements(doc, doc.sentences[0], coder.speech)
    events = built(doc, doc.sentences[0])
    crossing = next(e for e in events if e.trigger.text == "attacked")
    assert crossing.source.code == "PERMIL"
    assert crossing.statement == speech.statements[0].id
    assert crossing.attributed_to == speech.statements[0].speaker.actor
    assert not crossing.factual


def test_a_noun_triggers_modifier_is_no_source_but_a_by_agent_is(prepared, built):
    doc = prepared("Fierce clashes left the town empty. The attack by Colombian rebels on the village was repelled.")
    clashes, attack = (built(doc, s) for s in doc.sentences)
    assert clashes and all(e.source is None and not e.coded and not e.factual for e in clashes)
    assault = next(e for e in attack if e.trigger.text == "attack")
    assert assault.source is not None and assault.source.country == "COL"


def test_an_event_without_an_actor_as_source_is_an_uncoded_mention(coder):
    doc = coder.code_text("This morning the air strikes resumed. Peruvian police arrested the mayor.")
    strikes = [e for e in doc.events if e.trigger.text == "strikes"]
    assert strikes and not any(e.factual for e in strikes)
    assert [e.root for e in doc.events if e.factual] == ["17"]


def test_sense_rules_are_validated_data():
    import pytest

    from tacitus.events.lexicon import PatternError, load_event_context

    good = load_event_context("inanimate: [rain]\nsenses:\n  - {roots: ['19'], scope: modifiers, code: none, words: [price]}\n")
    assert good.sense("19", "war", {"modifiers": {"price"}, "sentence": set(), "arguments": set()}) is not None
    with pytest.raises(PatternError, match="scope"):
        load_event_context("inanimate: [rain]\nsenses:\n  - {roots: ['19'], scope: paragraph, words: [price]}\n")
    with pytest.raises(PatternError, match="CAMEO"):
        load_event_context("inanimate: [rain]\nsenses:\n  - {roots: ['19'], scope: sentence, code: '999', words: [x]}\n")


def test_object_classes_expand_and_unknown_classes_fail():
    import pytest

    from tacitus.events.lexicon import PatternError, load_patterns

    lexicon = load_patterns([("t.yaml", '- {code: "154", verb: send, object: ["@forces"], prep: [to]}\n')])
    [pattern] = lexicon.verbs["send"]
    assert {"troop", "police"} <= pattern.object
    with pytest.raises(PatternError, match="unknown object class"):
        load_patterns([("t.yaml", '- {code: "154", verb: send, object: ["@armies"]}\n')])


def test_implied_sources_are_validated_and_matched_by_prefix():
    import pytest

    from tacitus.events.lexicon import PatternError, load_event_context

    context = load_event_context("implied_source:\n  - {codes: ['173'], sector: COP}\n")
    assert context.implied_source("173") == "COP"
    assert context.implied_source("190") is None
    with pytest.raises(PatternError):
        load_event_context("implied_source:\n  - {codes: ['999'], sector: COP}\n")
    with pytest.raises(PatternError):
        load_event_context("implied_source:\n  - {codes: ['173'], sector: police}\n")


def test_a_stance_toward_a_plan_is_toward_its_author(coder):
    text = (
        "Chile's government announced new limits on fishing quotas on Monday. Fishermen's unions "
        "criticised the measures. The opposition rejected the government's plan. Environmental groups "
        "welcomed the company's proposal. The interior ministry rejected the proposal."
    )
    doc = coder.code_text(text, date="2024-05-02")
    by_sentence = {e.sentence: e for e in doc.events if e.factual and e.root in ("05", "11", "12")}
    measures, plan = by_sentence[1], by_sentence[2]
    assert (measures.target.country, measures.target.sector, measures.target.actor) == ("CHL", "GOV", None)
    assert plan.target.actor is not None and plan.target.code == "CHLGOV"  # the named owner, as before
    # a plan with an owner no actor codes, or a government's own stance, has no implied author
    assert all(e.target is None or e.target.sector != "GOV" for e in doc.events if e.sentence in (3, 4))


def test_two_unnamed_bodies_of_one_sector_act_on_each_other_but_no_one_on_himself(prepared, built):
    doc = prepared("Ministers ordered regional councils to close the camps. The Spanish prime minister gave his speech in Madrid.")
    order, speech = (built(doc, s) for s in doc.sentences)
    demand = next(e for e in order if e.root == "10")
    # one actor for both (one sector, one country), but "councils" names another body than "ministers"
    assert demand.target is not None and demand.target.text == "regional councils"
    assert (demand.source.sector, demand.target.sector) == ("GOV", "GOV")
    # a pronoun is the actor itself: no one is the target of his own speech
    assert all(e.target is None for e in speech if e.trigger.text == "gave")

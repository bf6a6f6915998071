"""events/dedupe.py: one event per happening."""

from __future__ import annotations

from tacitus.events.dedupe import dedupe, numbered
from tacitus.model import ActorRef, Event, Plover, Span


def _ref(actor: str, code: str, country: str) -> ActorRef:
    return ActorRef.coded(actor, actor, code, country, code[3:] or None, start=0, end=1)


def _event(sentence: int, start: int, cameo: str, source: ActorRef | None, target: ActorRef | None, rule: str = "verb:x") -> Event:
    return Event(
        id="", sentence=sentence, evidence="", source=source, target=target, cameo=cameo, root=cameo[:2],
        quad_class=4, goldstein=-10.0, plover=Plover(None), trigger=Span("x", start, start + 1), rule=rule,
    )


def test_coordinated_subjects_of_one_country_act_together():
    police, prosecutors, gang = _ref("A1", "PERCOP", "PER"), _ref("A2", "PERJUD", "PER"), _ref("A3", "PERCRM", "PER")
    events = dedupe([_event(0, 10, "173", police, gang), _event(0, 10, "173", prosecutors, gang)])
    assert len(events) == 1 and events[0].source is police


def test_different_countries_stay_two_events():
    russia, china, un = _ref("A1", "RUS", "RUS"), _ref("A2", "CHN", "CHN"), _ref("A3", "IGOUNO", "")
    assert len(dedupe([_event(0, 5, "129", russia, un), _event(0, 5, "129", china, un)])) == 2


def test_a_later_noun_mention_is_the_same_event():
    police, gang = _ref("A1", "COLCOP", "COL"), _ref("A2", "COLCRM", "COL")
    first = _event(0, 5, "171", police, gang)
    again = _event(3, 80, "171", police, gang, rule="noun:seizure")
    other = _event(4, 120, "171", police, gang)  # a second verb: another seizure
    assert [e.sentence for e in numbered(dedupe([first, again, other]))] == [0, 4]


def test_one_sentence_one_happening_between_the_same_actors():
    howard, cabinet = _ref("A1", "GBRGOV", "GBR"), _ref("A2", "GBRGOV", "GBR")
    headline, body = _event(0, 7, "016", howard, cabinet), _event(0, 40, "016", howard, cabinet)
    assert dedupe([headline, body]) == [headline]


def test_coordinated_subjects_of_no_known_country_act_together():
    police = ActorRef.coded("A1", "police", "COP", None, "COP")
    prosecutors = ActorRef.coded("A2", "prosecutors", "JUD", None, "JUD")
    assert len(dedupe([_event(0, 9, "190", police, None), _event(0, 9, "190", prosecutors, None)])) == 1

"""model.py: actor references show their actor's coding; the JSON contract reads back unchanged."""

from __future__ import annotations

import json

from tacitus.model import Actor, ActorCode, ActorRef, Document, Place, ref_dict


def test_a_reference_shows_its_actors_coding_as_it_is_now():
    police = Actor("A1", "police", "COP", None, "COP")
    ref = ActorRef.to(police, "the police", start=4, end=14)
    assert (ref.actor, ref.code, ref.country, ref.sector) == ("A1", "COP", None, "COP")
    police.country, police.code = "PER", "PERCOP"
    assert (ref.code, ref.country, ref.sector) == ("PERCOP", "PER", "COP")
    assert ref.own == ActorCode()  # nothing of the actor is copied onto the reference


def test_a_reference_without_an_actor_object_shows_its_own_coding():
    implied = ActorRef.coded(None, "", "PERCOP", "PER", "COP")
    assert (implied.actor, implied.referent, implied.code, implied.country) == (None, None, "PERCOP", "PER")
    assert (ActorRef(None, "Kurdish positions").code, ActorRef(None, "Kurdish positions").country) == (None, None)


def test_the_json_of_a_reference_has_the_contracts_keys_in_order():
    ref = ActorRef.to(Actor("A2", "Peru", "PER", "PER", None, kind="country"), "Peru", start=0, end=4, location=Place("Lima", "PER"))
    assert list(ref_dict(ref)) == ["actor", "text", "code", "country", "sector", "start", "end", "phrase_start", "phrase_end", "location"]
    assert ref_dict(ref)["location"]["name"] == "Lima" and ref_dict(ref)["code"] == "PER"


def test_a_coded_document_reads_back_to_the_same_json(coder):
    text = "Peru's foreign minister met her Chilean counterpart in Santiago. Prosecutors said the gang had fled."
    coded = coder.code_text(text, date="2024-03-05")
    assert coded.events and coded.statements
    written = coded.to_dict(include_text=True)
    back = Document.from_dict(json.loads(json.dumps(written)))
    assert back.to_dict(include_text=True) == written
    # read back, a reference keeps the coding it was written with (there is no actor object)
    assert all(e.source is None or e.source.referent is None and e.source.code == s.source.code for e, s in zip(back.events, coded.events, strict=True))

"""Places: the offline gazetteer and the stage that gives events and actors coordinates."""

from __future__ import annotations

import math

import pytest

from tacitus.model import Document, Place
from tacitus.places import PlaceContext, cache_dir, fold, load_gazetteer, resolve_place


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def near(place: Place, lat: float, lon: float, within: float = 40.0) -> bool:
    return place.lat is not None and place.lon is not None and km(place.lat, place.lon, lat, lon) <= within


# --- the gazetteer alone --------------------------------------------------------------------


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Córdoba") == fold("CORDOBA") == "cordoba"
    assert fold("the Gaza Strip") == "gaza strip"
    assert fold("Washington, D.C.") == fold("washington, dc")


def test_a_city_has_country_adm1_coordinates_and_a_geonames_id():
    place = resolve_place("Kharkiv")
    assert place.country == "UKR" and place.feature == "city"
    assert place.geo_id and place.geo_id.startswith("geonames:")
    assert place.adm1 and place.adm1.startswith("UP")  # FIPS country code + admin-1, as GDELT
    assert near(place, 49.99, 36.23)
    assert place.full_name == "Kharkiv, Kharkivska oblast, Ukraine"


def test_a_region_named_the_english_way_is_found():
    oblast = resolve_place("Kharkiv Oblast")
    assert oblast.feature == "adm1" and oblast.country == "UKR" and oblast.geo_id == "iso3166-2:UA-63"
    assert oblast.adm1 == resolve_place("Kharkiv").adm1
    texas = resolve_place("Texas")
    assert texas.adm1 == "USTX" and texas.feature == "adm1" and near(texas, 31.0, -97.5, within=400)


def test_a_country_gets_the_centre_of_its_cities():
    chile = resolve_place("Chile")
    assert chile.feature == "country" and chile.country == "CHL" and chile.geo_id == "geonames:3895114"
    assert -45 < chile.lat < -25 and -75 < chile.lon < -68
    fiji = resolve_place("Fiji")  # across the date line: still in the Pacific, not in Africa
    assert fiji.lon is not None and abs(fiji.lon) > 170


def test_an_unknown_name_keeps_its_name_without_coordinates():
    place = resolve_place("Upper Blorfton")
    assert place == Place(name="Upper Blorfton")


def test_context_decides_between_same_named_places():
    assert resolve_place("Paris").country == "FRA"
    in_texas = resolve_place("Paris", PlaceContext.of(["USA"], ["USTX"]))
    assert in_texas.country == "USA" and in_texas.adm1 == "USTX" and near(in_texas, 33.66, -95.56)
    assert resolve_place("Georgia").feature == "country"
    state = resolve_place("Georgia", PlaceContext.of(["USA"], ["USGA"]))
    assert state.feature == "adm1" and state.adm1 == "USGA"
    # a country's own name stays the country even when the text names its same-named region
    assert resolve_place("Guatemala", PlaceContext.of(["GTM"], ["GT01"])).feature == "country"
    assert resolve_place("Tripoli").country == "LBY"  # the bigger one, without context
    assert resolve_place("Tripoli", PlaceContext.of(["LBN"])).country == "LBN"


def test_the_index_is_compiled_once_into_the_cache_directory():
    gazetteer = load_gazetteer()
    assert load_gazetteer() is gazetteer  # once per process
    assert any(p.name.startswith("gazetteer-") and p.suffix == ".sqlite" for p in cache_dir().iterdir())
    assert gazetteer.fips["GBR"] == "UK" and gazetteer.fips["USA"] == "US"


# --- places in coded text: each ambiguous name with the context that decides it --------------

AMBIGUOUS = [
    # (text, place name, country, (lat, lon) of the right one)
    ("Police arrested 12 protesters in Paris on Saturday. Officials in Texas said the demonstrators had blocked a highway north of Dallas.",
     "Paris", "USA", (33.66, -95.56)),
    ("Police arrested 12 protesters in Paris on Saturday. French officials said the demonstrators had blocked the ring road.",
     "Paris", "FRA", (48.85, 2.35)),
    ("Police detained opposition activists in Georgia on Sunday. Thousands rallied in Tbilisi against the new law.",
     "Georgia", "GEO", (42.0, 43.6)),
    ("Police detained seven activists in Georgia on Sunday. The arrests took place outside a courthouse in Atlanta.",
     "Georgia", "USA", (32.9, -83.6)),
    ("Gunmen attacked an army checkpoint in Tripoli on Monday. The Lebanese army sent reinforcements from Beirut.",
     "Tripoli", "LBN", (34.44, 35.85)),
    ("Police arrested four men in Hyderabad on Friday. The city is the second largest in Sindh after Karachi.",
     "Hyderabad", "PAK", (25.39, 68.37)),
    ("Police arrested dozens of farmers in Cordoba on Tuesday. The protest spread to Seville and Granada, where Spanish farmers blocked roads.",
     "Cordoba", "ESP", (37.89, -4.78)),
    ("Soldiers arrested a union leader in Valencia on Wednesday. Officials in Caracas accused him of sabotage.",
     "Valencia", "VEN", (10.16, -68.0)),
    ("Police arrested a man in London on Thursday after a stabbing. Canadian officials said the victim was a student from Toronto.",
     "London", "CAN", (42.98, -81.25)),
    ("Police arrested two men in Birmingham on Monday. Officials in Alabama said the men had robbed a bank in Montgomery.",
     "Birmingham", "USA", (33.52, -86.80)),
    ("Police arrested a former contractor in Alexandria on Tuesday. Prosecutors in Virginia charged him with fraud.",
     "Alexandria", "USA", (38.80, -77.05)),
    ("Police arrested three suspects in San Jose on Friday. Officials in Costa Rica said the men belonged to a smuggling ring.",
     "San Jose", "CRI", (9.93, -84.08)),
    ("Police arrested a protester in Kingston on Saturday. Canadian officials said he had blocked a rail line near Ottawa.",
     "Kingston", "CAN", (44.23, -76.48)),
    ("Police arrested a man in Perth on Sunday. Scottish officials said he had attacked a pub in Dundee.",
     "Perth", "GBR", (56.40, -3.43)),
]


@pytest.fixture(scope="module")
def ambiguous(coder):
    docs = [Document(text=text, id=f"p{n}", date="2024-06-10") for n, (text, *_rest) in enumerate(AMBIGUOUS)]
    return list(coder.code_documents(docs))


@pytest.mark.parametrize("n", range(len(AMBIGUOUS)), ids=[f"{c[1]}-{c[2]}" for c in AMBIGUOUS])
def test_ambiguous_names_are_resolved_by_the_document(ambiguous, n):
    _text, name, country, (lat, lon) = AMBIGUOUS[n]
    doc = ambiguous[n]
    places = [e.place for e in doc.events if e.place is not None and e.place.name == name]
    assert places, f"no event placed in {name}: {[(e.cameo, e.place) for e in doc.events]}"
    place = places[0]
    assert place.country == country, place
    assert near(place, lat, lon, within=250 if place.feature != "city" else 40), place
    assert place.geo_id


def test_clause_place_first_then_sentence_then_document(coder):
    doc = coder.code_text(
        "Russian forces shelled Kharkiv on Friday. Ukrainian troops repelled an attack on Saturday. "
        "In Kyiv, the president condemned Russia's attacks on civilians.",
        date="2024-05-10",
    )
    by_trigger = {e.trigger.text: e for e in doc.events}
    assert by_trigger["shelled"].place.name == "Kharkiv" and by_trigger["shelled"].place.country == "UKR"
    assert by_trigger["condemned"].place.name == "Kyiv"  # named in the sentence
    repelled = by_trigger["repelled"].place  # no place in its sentence: the document's
    assert repelled is not None and repelled.name in ("Kharkiv", "Kyiv") and repelled.lat is not None


def test_actors_get_the_location_the_text_gives(coder):
    doc = coder.code_text("Protesters in Tbilisi clashed with riot police on Sunday.", date="2024-05-12")
    event = next(e for e in doc.events if e.source is not None and e.source.text.startswith("Protesters"))
    assert event.source.location is not None and event.source.location.name == "Tbilisi"
    assert near(event.source.location, 41.69, 44.83)


def test_unknown_place_keeps_its_name(coder):
    doc = coder.code_text("Rebels attacked an army post in northern Zelmorovo on Monday.", date="2024-05-13")
    places = [e.place for e in doc.events if e.place is not None]
    assert places and places[0].name == "Zelmorovo" and places[0].lat is None and places[0].geo_id is None


def test_a_persons_surname_is_no_town(coder):
    # "Salgado" and "Colombo" are also towns: named as a person first, alone later they are him
    doc = coder.code_text(
        "Mexican prosecutors charged Ricardo Salgado with extortion on Tuesday. "
        "Salgado was detained in May after a shootout, the attorney general's office said.",
        date="2024-06-12",
    )
    detained = next(e for e in doc.events if e.trigger.text == "detained")
    assert detained.place is None or detained.place.country != "BRA", detained.place
    assert detained.source is not None and detained.source.country == "MEX"  # the implied police are Mexico's
    assert detained.target is None or detained.target.country != "BRA"


def test_a_large_city_named_like_a_person_is_still_a_place(coder):
    doc = coder.code_text(
        "Sri Lankan police questioned Maria Colombo on Monday. Police arrested two men in Colombo on Tuesday.",
        date="2024-06-12",
    )
    arrested = next(e for e in doc.events if e.trigger.text == "arrested")
    assert arrested.place is not None and arrested.place.name == "Colombo" and arrested.place.country == "LKA"


def test_places_survive_json(coder):
    doc = coder.code_text("Russian forces shelled Kharkiv on Friday.", date="2024-05-10")
    back = Document.from_dict(doc.to_dict())
    assert back.to_dict() == doc.to_dict()
    assert back.events[0].place.lat == doc.events[0].place.lat and back.events[0].place.adm1
    old = {**doc.to_dict()}
    old["events"] = [{**e, "place": {"name": "Kharkiv", "country": "UKR"}} for e in old["events"]]
    assert Document.from_dict(old).events[0].place == Place("Kharkiv", "UKR")  # old output still reads


def test_every_shipped_region_name_finds_its_region():
    from tacitus.places import load_regions

    for code, (_city, names) in load_regions().items():
        for name in names:
            found = [e for e, _alias in load_gazetteer().candidates(name) if e.geo_id == f"iso3166-2:{code}"]
            assert found, (code, name)
            # matched to GeoNames: coordinates, and a GDELT-style ADM1 code rather than the ISO one
            assert found[0].lat is not None and found[0].adm1 and "-" not in found[0].adm1, (code, name)


def test_regions_named_alike_in_two_countries_follow_the_context():
    assert resolve_place("Punjab", PlaceContext.of(["PAK"])).country == "PAK"
    assert resolve_place("Punjab", PlaceContext.of(["IND"])).country == "IND"
    sindh = resolve_place("Sindh")
    assert sindh.adm1 == resolve_place("Karachi").adm1 and near(sindh, 25.5, 68.0, within=250)

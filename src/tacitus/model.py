"""The typed data model every stage reads and writes, and its JSON form.

A `Document` goes in with `text` (and optionally `id`, `title`, `date`, `url`, `source`) and
comes out with `actors`, `events`, `statements` and `errors` filled. `to_dict` gives the JSONL
contract; `from_dict` reads it back (for `tacitus eval --format tacitus` and the stores).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any, Literal, get_args

Modality = Literal[
    "asserted",  # plain statement of fact
    "future",  # will, is set to, is to
    "intended",  # plans to, wants to, threatens to, vows to
    "possible",  # could, may, might
    "obligation",  # should, must, calls for ... to be
    "hypothetical",  # if / unless clauses, would without a report frame
    "question",  # the sentence asks (or a "whether" clause)
    "generic",  # habits, trends and statistics: "police usually ...", "have long denied"
    "claimed",  # pretends to, claims to, so-called, under the guise of: an attitude only claimed
]
MODALITIES: tuple[Modality, ...] = get_args(Modality)
ActorKind = Literal["person", "group", "country", "organisation"]


@dataclass
class Span:
    """A stretch of the document text: `start`/`end` are character offsets."""

    text: str
    start: int
    end: int


@dataclass
class Mention:
    text: str
    start: int
    end: int
    sentence: int


@dataclass
class Actor:
    id: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: ActorKind = "group"
    mentions: list[Mention] = field(default_factory=list)
    # how the country was found: "text" (the actor's own words), or from its context: "sentence"
    # (a place or nationality in its sentence), "dateline", "document" (the article's main country)
    country_from: str | None = None


@dataclass
class Place:
    """A place as named in the text, resolved against the gazetteer (see `tacitus.places`).

    `country` is ISO-3; `adm1` GDELT's ADM1 code (FIPS country + GeoNames admin-1, "USTX");
    `geo_id` the gazetteer id ("geonames:4717560", "iso3166-2:US-TX"); `feature` country,
    adm1 or city. An unknown name has only `name` (and `country` when an actor dictionary
    knows it)."""

    name: str
    country: str | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_id: str | None = None
    feature: str | None = None
    full_name: str | None = None  # "Paris, Texas, United States"


@dataclass(frozen=True)
class ActorCode:
    """The code, country and sector of a reference that has no `Actor` object to show: an
    implied source (the police of the place, for an agentless arrest) or a reference read back
    from JSON or a store, which keeps the coding it was written with."""

    code: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass
class ActorRef:
    """An actor as it takes part in one event or statement.

    A reference to a resolved actor holds the `Actor` itself (`referent`) and shows the actor's
    code, country and sector as they are now: a country the context stage gives the actor after
    the events exist is seen by every reference to it. A reference with no actor object shows its
    own coding (`own`). Build one with `ActorRef.to` or `ActorRef.coded`."""

    actor: str | None  # the actor's id ("A3"), or None
    text: str
    start: int | None = None
    end: int | None = None
    # the whole argument phrase the actor was found in ("the last rebel bastion in the north")
    phrase_start: int | None = None
    phrase_end: int | None = None
    # where the text puts this actor ("protesters in Tbilisi"); None when it says nothing
    location: Place | None = None
    referent: Actor | None = field(default=None, repr=False, compare=False)
    own: ActorCode = field(default_factory=ActorCode)

    @classmethod
    def to(cls, actor: Actor, text: str, **where: Any) -> ActorRef:
        """A reference to a resolved actor, written `text` (`where`: its offsets and phrase)."""
        return cls(actor.id, text, referent=actor, **where)

    @classmethod
    def coded(cls, actor: str | None, text: str, code: str | None, country: str | None, sector: str | None, **where: Any) -> ActorRef:
        """A reference with its own coding (no actor object): an implied source, or one read back."""
        return cls(actor, text, own=ActorCode(code, country, sector), **where)

    @property
    def coding(self) -> Actor | ActorCode:
        """Where the code, country and sector come from: the actor, else the reference's own."""
        return self.referent if self.referent is not None else self.own

    @property
    def code(self) -> str | None:
        return self.coding.code

    @property
    def country(self) -> str | None:
        return self.coding.country

    @property
    def sector(self) -> str | None:
        return self.coding.sector


@dataclass
class Plover:
    type: str | None
    mode: str | None = None


@dataclass
class Event:
    id: str
    sentence: int
    evidence: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover
    trigger: Span
    negated: bool = False
    modality: Modality = "asserted"
    attributed_to: str | None = None
    statement: str | None = None
    date: str | None = None
    place: Place | None = None
    rule: str = ""
    depth: int = 0  # distance of the trigger from the sentence root (0 = main verb)

    @property
    def coded(self) -> bool:
        """Its source is an actor (a person, group, organisation or place the actors stage
        resolved) or carries a code. An event without one ("air strikes", "this morning the
        ...") stays in the JSONL as an uncoded mention but is never factual: event data codes
        who acted."""
        return self.source is not None and (self.source.actor is not None or bool(self.source.code))

    @property
    def factual(self) -> bool:
        """Asserted by the text itself (not negated, not modal, not someone's claim — inside a
        statement it is a claim even when the speaker is no known actor) and coded."""
        return not self.negated and self.modality == "asserted" and self.attributed_to is None and self.statement is None and self.coded


@dataclass
class Statement:
    id: str
    sentence: int
    speaker: ActorRef
    cue: Span
    content: Span
    direct: bool
    depth: int = 0  # distance of the cue from the sentence root (0 = main verb)


@dataclass
class Document:
    text: str
    id: str = ""
    title: str = ""
    date: str | None = None
    url: str | None = None
    source: str | None = None
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "source": self.source,
        }
        if include_text:
            out["text"] = self.text
        out["actors"] = [asdict(a) for a in self.actors]
        out["events"] = [_event_dict(e) for e in self.events]
        out["statements"] = [_plain(s) for s in self.statements]
        out["errors"] = list(self.errors)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        doc = cls(
            text=data.get("text", ""),
            id=str(data.get("id", "")),
            title=data.get("title") or "",
            date=data.get("date"),
            url=data.get("url"),
            source=data.get("source"),
            errors=list(data.get("errors", [])),
        )
        doc.actors = [
            Actor(**{**a, "mentions": [Mention(**m) for m in a.get("mentions", [])]})
            for a in data.get("actors", [])
        ]
        doc.events = [event_from_dict(e) for e in data.get("events", [])]
        doc.statements = [
            Statement(
                id=s["id"],
                sentence=s["sentence"],
                speaker=ref_from_dict(s["speaker"]),
                cue=Span(**s["cue"]),
                content=Span(**s["content"]),
                direct=s["direct"],
                depth=s.get("depth", 0),
            )
            for s in data.get("statements", [])
        ]
        return doc


def ref_dict(ref: ActorRef) -> dict[str, Any]:
    """A reference's JSON: its actor's id and its coding as shown now, never the actor object."""
    return {
        "actor": ref.actor, "text": ref.text, "code": ref.code, "country": ref.country, "sector": ref.sector,
        "start": ref.start, "end": ref.end, "phrase_start": ref.phrase_start, "phrase_end": ref.phrase_end,
        "location": asdict(ref.location) if ref.location is not None else None,
    }


def _plain(item: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready fields, in declaration order; references through `ref_dict`."""
    out = {}
    for name in item.__dataclass_fields__:
        value = getattr(item, name)
        out[name] = ref_dict(value) if isinstance(value, ActorRef) else asdict(value) if is_dataclass(value) else value
    return out


def event_fields(event: Event) -> dict[str, Any]:
    """An event's own fields as JSON-ready values (without the derived `coded` and `factual`)."""
    return _plain(event)


def _event_dict(event: Event) -> dict[str, Any]:
    out = event_fields(event)
    out["coded"] = event.coded
    out["factual"] = event.factual
    return out


def event_from_dict(data: dict[str, Any]) -> Event:
    fields = {k: v for k, v in data.items() if k in Event.__dataclass_fields__}
    for side in ("source", "target"):
        if fields.get(side):
            fields[side] = ref_from_dict(fields[side])
    fields["plover"] = Plover(**(data.get("plover") or {"type": None}))
    fields["trigger"] = Span(**data["trigger"])
    if fields.get("place"):
        fields["place"] = place_from_dict(fields["place"])
    return Event(**fields)


def ref_from_dict(data: dict[str, Any]) -> ActorRef:
    """A reference read back: it keeps the coding it was written with (see `ActorCode`)."""
    where = {k: data.get(k) for k in ("start", "end", "phrase_start", "phrase_end")}
    location = place_from_dict(data["location"]) if data.get("location") else None
    return ActorRef.coded(data.get("actor"), data["text"], data.get("code"), data.get("country"), data.get("sector"), location=location, **where)


def place_from_dict(data: dict[str, Any]) -> Place:
    return Place(**{k: v for k, v in data.items() if k in Place.__dataclass_fields__})


@dataclass
class EventCount:
    """How one event row is identified and counted in an export (GDELT's GLOBALEVENTID,
    NumMentions, NumSources, NumArticles and DATEADDED).

    From a store: `global_id` is unique in the store and `cluster_id` names the happening the
    event belongs to (events of several articles reporting the same happening share it), with
    the cluster's counts. From `tacitus code`: ids are unique in the run and counts are 1."""

    global_id: int
    cluster_id: int
    num_mentions: int = 1
    num_sources: int = 1
    num_articles: int = 1
    date_added: str | None = None  # when the event was coded, ISO 8601 UTC

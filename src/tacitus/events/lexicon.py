"""The event lexicon: every `data/patterns/*.yaml` pattern, validated against the CAMEO table.

The format is documented in data/patterns/README.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from tacitus.datafiles import load_yaml, read_data
from tacitus.ontology import Cameo, load_cameo

KEYS = {"code", "verb", "noun", "particle", "object", "prep", "xcomp", "modifier", "mode", "target", "clause", "subject"}


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class Pattern:
    code: str
    lemma: str
    pos: str  # "verb" | "noun"
    particle: str | None = None
    object: frozenset[str] = frozenset()
    prep: tuple[str, ...] = ()
    xcomp: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    clause: frozenset[str] = frozenset()  # words the reported clause must hold ("admitted that he took bribes")
    subject: frozenset[str] = frozenset()  # words the source phrase must hold ("police raided" is no military raid)
    mode: str | None = None
    no_target: bool = False
    needs_actor: bool = False  # only an event when the target is an actor ("received the envoy")
    intransitive: bool = False  # no direct object ("demonstrated its strength" is showing); a `prep` object may be the target
    origin: str = ""

    @property
    def specificity(self) -> int:
        return (
            2 * bool(self.particle) + 2 * bool(self.object) + 2 * bool(self.xcomp) + 2 * bool(self.modifier) + 2 * bool(self.clause)
            + 2 * bool(self.subject) + bool(self.prep) - self.no_target
        )

    @property
    def rule(self) -> str:
        parts = [self.lemma]
        if self.particle:
            parts.append(self.particle)
        if self.object:
            parts.append("+" + "|".join(sorted(self.object)))
        if self.xcomp:
            parts.append("to " + "|".join(sorted(self.xcomp)))
        if self.modifier:
            parts.insert(0, "|".join(sorted(self.modifier)))
        if self.clause:
            parts.append("that " + "|".join(sorted(self.clause)))
        if self.subject:
            parts.insert(0, "|".join(sorted(self.subject)) + ":")
        if self.prep:
            parts.append(">" + "|".join(self.prep))
        return f"{self.pos}:{' '.join(parts)} -> {self.code} ({self.origin})"


@dataclass
class EventLexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)

    def add(self, pattern: Pattern) -> None:
        table = self.verbs if pattern.pos == "verb" else self.nouns
        entries = table.setdefault(pattern.lemma, [])
        if pattern not in entries:
            entries.append(pattern)
            entries.sort(key=lambda p: -p.specificity)

    def prep_required(self, pattern: Pattern) -> bool:
        """A preposition is required when the lexicon never lists the verb without one: "call
        on" and "call for" are appeals, plain "call" (a name, a phone call) is not."""
        table = self.verbs if pattern.pos == "verb" else self.nouns
        return pattern.pos == "verb" and bool(pattern.prep) and all(p.prep or p.object or p.xcomp or p.clause for p in table.get(pattern.lemma, []))

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


def _words(value: object, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PatternError(f"{where}: `{key}` must be a list of words")
    return tuple(v.strip().lower() for v in value)


@cache
def object_classes() -> dict[str, tuple[str, ...]]:
    """The object classes patterns name as `@name` (data/object_classes.yaml), read once."""
    data = load_yaml(read_data("object_classes.yaml"))
    if not isinstance(data, dict):
        raise PatternError("object_classes.yaml: expected a mapping of class names to word lists")
    return {str(name): _words(value, str(name), "object_classes.yaml") for name, value in data.items()}


def _expand_classes(words: tuple[str, ...], where: str) -> tuple[str, ...]:
    """"@weapons" -> the words of that class; other words stay."""
    out: list[str] = []
    for word in words:
        if word.startswith("@"):
            members = object_classes().get(word[1:])
            if members is None:
                raise PatternError(f"{where}: unknown object class {word!r} (see object_classes.yaml)")
            out += members
        else:
            out.append(word)
    return tuple(out)


def parse_pattern(item: object, where: str, cameo: Cameo) -> Pattern:
    if not isinstance(item, dict):
        raise PatternError(f"{where}: a pattern must be a mapping")
    unknown = set(item) - KEYS
    if unknown:
        raise PatternError(f"{where}: unknown keys {sorted(unknown)}")
    code = str(item.get("code", "")).strip()
    if code not in cameo:
        raise PatternError(f"{where}: unknown CAMEO code {code!r}")
    if ("verb" in item) == ("noun" in item):
        raise PatternError(f"{where}: give exactly one of `verb` or `noun`")
    pos = "verb" if "verb" in item else "noun"
    lemma = str(item[pos] or "").strip().lower()
    if not lemma:
        raise PatternError(f"{where}: empty {pos}")
    target = item.get("target")
    if target not in (None, "none", "actor", "intransitive"):
        raise PatternError(f"{where}: `target` may only be `none`, `actor` or `intransitive`")
    return Pattern(
        code=code,
        lemma=lemma,
        pos=pos,
        particle=(str(item["particle"]).lower() if item.get("particle") else None),
        object=frozenset(_expand_classes(_words(item.get("object"), "object", where), where)),
        prep=_words(item.get("prep"), "prep", where),
        xcomp=frozenset(_words(item.get("xcomp"), "xcomp", where)),
        modifier=frozenset(_words(item.get("modifier"), "modifier", where)),
        clause=frozenset(_expand_classes(_words(item.get("clause"), "clause", where), where)),
        subject=frozenset(_expand_classes(_words(item.get("subject"), "subject", where), where)),
        mode=item.get("mode"),
        no_target=target == "none",
        intransitive=target == "intransitive",
        needs_actor=target == "actor",
        origin=where,
    )


def load_patterns(texts: Iterable[tuple[str, str]], cameo: Cameo | None = None) -> EventLexicon:
    """Patterns from (name, YAML text) pairs."""
    cameo = cameo or load_cameo()
    lexicon = EventLexicon()
    for name, text in texts:
        data = load_yaml(text) or []
        if not isinstance(data, list):
            raise PatternError(f"{name}: expected a list of patterns")
        for number, item in enumerate(data, start=1):
            lexicon.add(parse_pattern(item, f"{name}#{number}", cameo))
    return lexicon


def load_event_lexicon(extra: Iterable[Path] = ()) -> EventLexicon:
    """The shipped patterns plus any extra pattern files a user gives."""
    folder = resources.files("tacitus").joinpath("data/patterns")
    texts = [
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    ]
    texts += [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in extra]
    return load_patterns(texts)


@dataclass(frozen=True)
class Refinement:
    roots: frozenset[str]
    subject: frozenset[str]
    code: str
    mode: str | None = None


SenseScope = Literal["sentence", "arguments", "modifiers"]
SENSE_SCOPES: tuple[SenseScope, ...] = ("sentence", "arguments", "modifiers")


@dataclass(frozen=True)
class Sense:
    """Another sense of a trigger: when one of `words` is in the `scope` (the sentence, the
    trigger's arguments, or the trigger noun's own modifiers), the trigger is `code` instead,
    or no event at all when `code` is None ("a price war", "the striker shot wide")."""

    roots: frozenset[str]
    lemmas: frozenset[str]
    scope: SenseScope
    words: frozenset[str]
    code: str | None


@dataclass(frozen=True)
class EventContext:
    """Subject-dependent rules: which subjects make no political event, and which subject words
    refine a code; and the other senses of triggers (data/event_context.yaml)."""

    inanimate: frozenset[str]
    refinements: tuple[Refinement, ...]
    senses: tuple[Sense, ...] = ()
    # CAMEO code -> state sector that does it when the text names no one ("was arrested")
    implied_sources: tuple[tuple[str, str], ...] = ()

    def implied_source(self, code: str) -> str | None:
        """The state sector an agentless act of this code implies, if any."""
        return next((sector for prefix, sector in self.implied_sources if code.startswith(prefix)), None)

    def sense(self, root: str, lemma: str, found: dict[str, set[str]]) -> Sense | None:
        """The first sense rule that applies to a trigger; `found` maps each scope to its words."""
        for rule in self.senses:
            if root in rule.roots and (not rule.lemmas or lemma in rule.lemmas) and rule.words & found[rule.scope]:
                return rule
        return None

    def refine(self, root: str, subject_words: set[str]) -> Refinement | None:
        for rule in self.refinements:
            if root in rule.roots and rule.subject & subject_words:
                return rule
        return None


def load_event_context(text: str | None = None, cameo: Cameo | None = None) -> EventContext:
    cameo = cameo or load_cameo()
    data = load_yaml(text if text is not None else read_data("event_context.yaml"))
    if not isinstance(data, dict):
        raise PatternError("event_context.yaml: expected a mapping")
    inanimate = frozenset(_words(data.get("inanimate"), "inanimate", "event_context.yaml"))
    rules = []
    for number, item in enumerate(data.get("refine") or [], start=1):
        where = f"event_context.yaml#refine{number}"
        if not isinstance(item, dict) or str(item.get("code")) not in cameo:
            raise PatternError(f"{where}: needs a known CAMEO `code`")
        rules.append(
            Refinement(
                roots=frozenset(_words(item.get("roots"), "roots", where)),
                subject=frozenset(_words(item.get("subject"), "subject", where)),
                code=str(item["code"]),
                mode=item.get("mode"),
            )
        )
    return EventContext(inanimate=inanimate, refinements=tuple(rules), senses=_senses(data.get("senses"), cameo), implied_sources=_implied(data.get("implied_source"), cameo))


def _implied(items: object, cameo: Cameo) -> tuple[tuple[str, str], ...]:
    out = []
    for number, item in enumerate(items or [], start=1):
        where = f"event_context.yaml#implied_source{number}"
        if not isinstance(item, dict) or not isinstance(item.get("sector"), str) or not item["sector"].isupper():
            raise PatternError(f"{where}: needs an upper-case `sector`")
        for code in _words(item.get("codes"), "codes", where):
            if code not in cameo:
                raise PatternError(f"{where}: {code!r} is not a CAMEO code")
            out.append((code, item["sector"]))
    return tuple(out)


def _senses(items: object, cameo: Cameo) -> tuple[Sense, ...]:
    out = []
    for number, item in enumerate(items or [], start=1):
        where = f"event_context.yaml#senses{number}"
        if not isinstance(item, dict) or item.get("scope") not in SENSE_SCOPES:
            raise PatternError(f"{where}: needs a `scope` among {SENSE_SCOPES}")
        code = None if item.get("code") in (None, "none") else str(item["code"])
        if code is not None and code not in cameo:
            raise PatternError(f"{where}: {code!r} is not a CAMEO code")
        roots, found = frozenset(_words(item.get("roots"), "roots", where)), frozenset(_words(item.get("words"), "words", where))
        if not roots or not found:
            raise PatternError(f"{where}: needs `roots` and `words`")
        out.append(Sense(roots, frozenset(_words(item.get("lemmas"), "lemmas", where)), item["scope"], found, code))
    return tuple(out)

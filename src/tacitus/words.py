"""The closed word lists and code tables the stages read, from data/words.yaml,
data/actor_words.yaml and data/derived_events.yaml, validated on load.

Every loader here is a documented cache: the files are read once per process and the results
are immutable (frozensets, tuples, read-only mappings), so no stage can change what another
sees. A malformed file, an unknown key or a CAMEO code that cameo.tsv does not hold raises
`WordListError` at start-up, not as a rejected document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from tacitus.datafiles import load_yaml, read_data
from tacitus.ontology import load_cameo

WORD_LISTS = (
    "quantity_heads", "control_object_verbs", "fallback_preps", "particle_words", "sequence_preps", "negating_verbs",
    "light_verbs", "intent_heads", "scheduled_heads", "call_heads", "command_heads", "purpose_heads", "provision_heads", "request_for_verbs", "placing_verbs", "placing_preps", "placing_states", "future_aux", "possible_aux",
    "obligation_aux", "weekdays", "months", "generic_heads", "relational_heads", "locative_preps",
    "not_persons", "generic_titles", "accusing_cues", "not_actor_entities", "claim_cues",
    "committing_governors", "refusing_governors", "person_suffixes", "place_preps",
    "habitual_adverbs", "habitual_governors", "background_heads", "background_relatives", "habitual_modifiers", "statistic_heads", "statistic_times",
    "possible_modifiers", "future_modifiers", "anticipating_heads", "future_time_words", "future_marks",
    "question_marks", "occurrence_verbs", "hedging_adverbs", "verb_prefixes",
    "group_anaphor_nouns", "group_anaphor_determiners", "pair_words",
    "condemned_acts", "answered_charges", "retaliation_verbs", "person_pronouns",
    "place_name_preps", "event_place_preps", "actor_place_preps", "speaker_feelers", "courtesy_titles",
)
AnaphorKind = Literal["igo", "armed", "organisation", "country"]
ANAPHOR_KINDS: tuple[AnaphorKind, ...] = ("igo", "armed", "organisation", "country")
_WORD = re.compile(r"^[a-z'][a-z' -]*$")
_SECTOR = re.compile(r"^[A-Z]{3}$")


class WordListError(ValueError):
    pass


def _mapping(data: object, origin: str) -> dict:
    if not isinstance(data, dict):
        raise WordListError(f"{origin}: expected a mapping")
    return data


def _word_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise WordListError(f"{where}: expected a non-empty list of words (quote true/false)")
    words = tuple(value)
    for word in words:
        if not _WORD.match(word):
            raise WordListError(f"{where}: {word!r} is not a lower-case word")
    if len(set(words)) != len(words):
        raise WordListError(f"{where}: a word is listed twice")
    return words


def parse_word_lists(data: object, origin: str = "words.yaml") -> dict[str, tuple[str, ...]]:
    """Validate the word lists of words.yaml: exactly the known keys, each a list of words."""
    data = _mapping(data, origin)
    unknown, missing = set(data) - set(WORD_LISTS), set(WORD_LISTS) - set(data)
    if unknown or missing:
        raise WordListError(f"{origin}: unknown lists {sorted(unknown)}, missing lists {sorted(missing)}")
    return {key: _word_list(data[key], f"{origin}:{key}") for key in WORD_LISTS}


@cache
def word_lists() -> Mapping[str, tuple[str, ...]]:
    """All word lists of words.yaml, in file order (cached: read once per process)."""
    return MappingProxyType(parse_word_lists(load_yaml(read_data("words.yaml"))))


@cache
def words(name: str) -> frozenset[str]:
    """One word list as a set, e.g. `words("light_verbs")`."""
    return frozenset(word_lists()[name])


def ordered_words(name: str) -> tuple[str, ...]:
    """One word list in file order (the calendar)."""
    return word_lists()[name]


@dataclass(frozen=True)
class Pronoun:
    gender: Literal["m", "f"] | None
    plural: bool


@dataclass(frozen=True)
class ActorWords:
    pronouns: Mapping[str, Pronoun]
    anaphoric_nouns: Mapping[str, AnaphorKind]
    state_sectors: frozenset[str]
    office_sectors: frozenset[str]
    context_sectors: frozenset[str]
    civilian_sectors: frozenset[str]


def parse_actor_words(data: object, origin: str = "actor_words.yaml") -> ActorWords:
    data = _mapping(data, origin)
    pronouns = {}
    for word, item in _mapping(data.get("pronouns"), f"{origin}:pronouns").items():
        if not isinstance(item, dict) or item.get("gender") not in ("m", "f", "none") or not isinstance(item.get("plural"), bool):
            raise WordListError(f"{origin}:pronouns:{word}: needs gender (m, f, none) and plural (true/false)")
        pronouns[str(word)] = Pronoun(None if item["gender"] == "none" else item["gender"], item["plural"])
    anaphors: dict[str, AnaphorKind] = {}
    kinds = _mapping(data.get("anaphoric_nouns"), f"{origin}:anaphoric_nouns")
    if set(kinds) != set(ANAPHOR_KINDS):
        raise WordListError(f"{origin}:anaphoric_nouns: expected the kinds {', '.join(ANAPHOR_KINDS)}")
    for kind in ANAPHOR_KINDS:
        for word in _word_list(kinds[kind], f"{origin}:anaphoric_nouns:{kind}"):
            if word in anaphors:
                raise WordListError(f"{origin}:anaphoric_nouns: {word!r} has two kinds")
            anaphors[word] = kind
    sectors = {}
    for key in ("state_sectors", "office_sectors", "context_sectors", "civilian_sectors"):
        values = data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) and _SECTOR.match(v) for v in values):
            raise WordListError(f"{origin}:{key}: expected a list of three-letter sector codes")
        sectors[key] = frozenset(values)
    return ActorWords(
        MappingProxyType(pronouns), MappingProxyType(anaphors), sectors["state_sectors"], sectors["office_sectors"],
        sectors["context_sectors"], sectors["civilian_sectors"],
    )


@cache
def actor_words() -> ActorWords:
    """Pronouns, anaphoric nouns and state sectors (cached: read once per process)."""
    return parse_actor_words(load_yaml(read_data("actor_words.yaml")))


@dataclass(frozen=True)
class DerivedCodes:
    """The CAMEO codes of derived events (announcements, refusals, attitudes, symmetric acts)."""

    intent_by_root: Mapping[str, str]
    intent_by_code: Mapping[str, str]
    refusal_by_root: Mapping[str, str]
    refusal_by_code: Mapping[str, str]
    attitude_governors: Mapping[str, str]
    wish_governors: Mapping[str, str]
    refusal_default: str
    claim_code: str
    claim_min_root: str
    accusation_code: str
    accusation_min_root: str
    obligation_code: str
    pretence_code: str
    retaliation_code: str
    sanction_code: str
    sanction_min_root: str
    symmetric_roots: tuple[str, ...]
    performative_roots: tuple[str, ...]
    symmetric_codes: tuple[str, ...]
    between_codes: tuple[str, ...]
    mutual_roots: tuple[str, ...]

    def announced(self, event_code: str, root: str, negated: bool) -> str | None:
        """The code of announcing one's own future action `event_code` (negated: refusing it)."""
        if negated:
            return self.refusal_by_code.get(event_code) or self.refusal_by_root.get(root)
        return self.intent_by_code.get(event_code) or self.intent_by_root.get(root)


_TABLES = ("intent_by_root", "intent_by_code", "refusal_by_root", "refusal_by_code", "attitude_governors", "wish_governors")
_CODES = ("refusal_default", "claim_code", "sanction_code", "accusation_code", "obligation_code", "pretence_code", "retaliation_code")
_ROOTS = ("claim_min_root", "sanction_min_root", "accusation_min_root")
_PREFIXES = ("symmetric_roots", "symmetric_codes", "between_codes", "performative_roots", "mutual_roots")


def parse_derived_codes(data: object, origin: str = "derived_events.yaml") -> DerivedCodes:
    """Validate the code tables: every code (and every keyed code or root) must be in cameo.tsv."""
    data = _mapping(data, origin)
    cameo = load_cameo()

    def code(value: object, where: str) -> str:
        if not isinstance(value, str) or value not in cameo:
            raise WordListError(f"{where}: {value!r} is not a CAMEO code of cameo.tsv")
        return value

    unknown = set(data) - set(_TABLES + _CODES + _ROOTS + _PREFIXES)
    if unknown:
        raise WordListError(f"{origin}: unknown keys {sorted(unknown)}")
    fields: dict[str, object] = {}
    for key in _TABLES:
        table = _mapping(data.get(key), f"{origin}:{key}")
        keyed = key not in ("attitude_governors", "wish_governors")
        fields[key] = MappingProxyType({(code(k, f"{origin}:{key}") if keyed else str(k)): code(v, f"{origin}:{key}:{k}") for k, v in table.items()})
    for key in _CODES + _ROOTS:
        fields[key] = code(data.get(key), f"{origin}:{key}")
    for key in _PREFIXES:
        values = data.get(key)
        if not isinstance(values, list):
            raise WordListError(f"{origin}:{key}: expected a list of CAMEO codes")
        fields[key] = tuple(code(v, f"{origin}:{key}") for v in values)
    return DerivedCodes(**fields)  # type: ignore[arg-type]


@cache
def derived_codes() -> DerivedCodes:
    """The derived-event code tables (cached: read once per process)."""
    return parse_derived_codes(load_yaml(read_data("derived_events.yaml")))


@cache
def irregular_verbs() -> Mapping[str, str]:
    """Irregular verb forms and their lemmas ("struck" -> "strike"), from irregular_verbs.tsv."""
    out: dict[str, str] = {}
    lines = [line for line in read_data("irregular_verbs.tsv").splitlines() if line.strip() and not line.startswith("#")]
    if not lines or lines[0].split("\t") != ["form", "lemma"]:
        raise WordListError("irregular_verbs.tsv: the header must be `form<TAB>lemma`")
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != 2 or not all(_WORD.match(p) for p in parts):
            raise WordListError(f"irregular_verbs.tsv: line {number}: expected `form<TAB>lemma`, got {line!r}")
        out[parts[0]] = parts[1]
    return MappingProxyType(out)


@dataclass(frozen=True)
class Evaluation:
    """Words that make a statement an act: disapproval (111), accusation (112), praise (051)."""

    code: str
    words: frozenset[str]
    polarity: Literal["negative", "positive"] = "negative"


def parse_evaluations(data: object, origin: str = "evaluative.yaml") -> tuple[Evaluation, ...]:
    """Validate evaluative.yaml: each entry a CAMEO code of cameo.tsv, its polarity (which must
    agree with the code's Goldstein score) and a list of words."""
    cameo = load_cameo()
    out = []
    for name, item in _mapping(data, origin).items():
        if name == "light_verbs":
            _word_list(item, f"{origin}:{name}")
            continue
        if not isinstance(item, dict) or set(item) != {"code", "polarity", "words"}:
            raise WordListError(f"{origin}:{name}: needs exactly a `code`, a `polarity` and a list of `words`")
        code, polarity = str(item["code"]), item["polarity"]
        if code not in cameo:
            raise WordListError(f"{origin}:{name}: {item['code']!r} is not a CAMEO code of cameo.tsv")
        if polarity not in ("negative", "positive") or (polarity == "negative") != (cameo[code].goldstein < 0):
            raise WordListError(f"{origin}:{name}: polarity {polarity!r} does not fit code {code}")
        out.append(Evaluation(code=code, words=frozenset(_word_list(item["words"], f"{origin}:{name}")), polarity=polarity))
    return tuple(out)


@cache
def evaluation_light_verbs() -> frozenset[str]:
    """Verbs whose object is what the content predicates ("bore responsibility", "made a mistake")."""
    return frozenset(_word_list(_mapping(load_yaml(read_data("evaluative.yaml")), "evaluative.yaml").get("light_verbs"), "evaluative.yaml:light_verbs"))


@cache
def load_evaluations() -> tuple[Evaluation, ...]:
    """The evaluative words (cached: read once per process)."""
    return parse_evaluations(load_yaml(read_data("evaluative.yaml")))


def load_all() -> None:
    """Read and validate every table here now, so a bad file fails at start-up."""
    word_lists(), actor_words(), derived_codes(), irregular_verbs(), load_evaluations()

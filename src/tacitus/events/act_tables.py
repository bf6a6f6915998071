"""The speaker-act tables (data/speaker_acts.yaml): which roots are a speaker's own verbal
acts, which material acts have a perpetrator to answer, and the small word lists the
speaker-act readings look for. Validated at load: roots must be CAMEO roots and codes CAMEO
codes of cameo.tsv, words lower case, the look-back a positive number."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tacitus.datafiles import load_yaml, read_data
from tacitus.ontology import load_cameo

_ROOT_LISTS = ("own_act_roots", "matrix_roots", "perpetrator_roots", "verbal_roots", "grounds_roots",
               "verbal_dedupe_roots")
_WORD_LISTS = ("feeling_prepositions", "answered_prepositions", "own_side_pronouns", "announcer_pronouns", "retaliation_future",
               "own_state_determiners", "charging_cues", "denial_cues", "habitual_perfect_adverbs",
               "grounds_prepositions", "felt_news", "threat_conditions", "naming_verbs", "free_relatives")


@dataclass(frozen=True)
class ActTables:
    own_act_roots: tuple[str, ...]
    matrix_roots: tuple[str, ...]
    perpetrator_roots: tuple[str, ...]
    verbal_roots: tuple[str, ...]
    lookback_sentences: int
    feeling_prepositions: frozenset[str]
    answered_prepositions: frozenset[str]
    own_side_pronouns: frozenset[str]
    announcer_pronouns: frozenset[str]
    retaliation_future: frozenset[str]
    own_state_determiners: frozenset[str]
    charging_cues: frozenset[str]
    denial_cues: frozenset[str]
    habitual_perfect_adverbs: frozenset[str]
    grounds_roots: tuple[str, ...]
    verbal_dedupe_roots: tuple[str, ...]
    grounds_prepositions: frozenset[str]
    felt_news: frozenset[str]
    threat_conditions: frozenset[str]
    naming_verbs: frozenset[str]
    free_relatives: frozenset[str]
    frame_codes: tuple[str, ...]


def parse_act_tables(data: object, origin: str = "speaker_acts.yaml") -> ActTables:
    """Validate the tables; any unknown or missing key, bad root or word fails with its name."""
    keys = set(_ROOT_LISTS + _WORD_LISTS) | {"lookback_sentences", "frame_codes"}
    if not isinstance(data, dict) or set(data) != keys:
        raise ValueError(f"{origin}: expected exactly the keys {sorted(keys)}")
    roots = {code[:2] for code in load_cameo().codes}
    fields: dict[str, object] = {}
    for key in _ROOT_LISTS:
        values = data[key]
        if not isinstance(values, list) or not all(isinstance(v, str) and v in roots for v in values):
            raise ValueError(f"{origin}:{key}: expected a list of CAMEO roots (two-digit strings)")
        fields[key] = tuple(values)
    for key in _WORD_LISTS:
        values = data[key]
        if not isinstance(values, list) or not all(isinstance(w, str) and w and w == w.lower() for w in values):
            raise ValueError(f"{origin}:{key}: expected a list of lower-case words")
        fields[key] = frozenset(values)
    codes = data["frame_codes"]
    if not isinstance(codes, list) or not all(isinstance(c, str) and c in load_cameo() for c in codes):
        raise ValueError(f"{origin}:frame_codes: expected a list of CAMEO codes of cameo.tsv")
    fields["frame_codes"] = tuple(codes)
    lookback = data["lookback_sentences"]
    if not isinstance(lookback, int) or isinstance(lookback, bool) or lookback < 1:
        raise ValueError(f"{origin}:lookback_sentences: expected a positive number")
    fields["lookback_sentences"] = lookback
    return ActTables(**fields)  # type: ignore[arg-type]


@cache
def act_tables() -> ActTables:
    """The speaker-act tables (cached: read once per process)."""
    return parse_act_tables(load_yaml(read_data("speaker_acts.yaml")))

"""Which sentences are worth a full parse: a cheap superset test on word forms.

A sentence may hold an event when it contains a pattern's lemma together with any object or
complement word the pattern requires ("hold" alone is nothing; "hold" + "talks" may be), or a
speech cue, "according", a quotation mark or a colon after a sentence's first words. Lemmas are guessed from spellings (suffix rules
and irregular_verbs.tsv), so no tagger runs before the choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Span

from tacitus.events.lexicon import EventLexicon
from tacitus.parse import QUOTE_MARKS
from tacitus.syntax import lemma_candidates
from tacitus.words import irregular_verbs

MAX_GUESSES = 100_000  # word forms whose guesses are kept: memory stays bounded on any corpus


@dataclass(frozen=True)
class SentenceFilter:
    """`filter(sentence)` is True when the sentence may hold an event or a statement."""

    requirements: Mapping[str, list[tuple[frozenset[str], ...]]]
    irregular: Mapping[str, str]
    parse_all: bool = False
    guesses: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)  # word form -> lemma guesses

    @classmethod
    def build(cls, events: EventLexicon, speech_cues: Iterable[str], parse_all: bool = False) -> SentenceFilter:
        requirements: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for table in (events.verbs, events.nouns):
            for lemma, patterns in table.items():
                needs = requirements.setdefault(lemma, [])
                for p in patterns:
                    groups = [p.object, p.xcomp, frozenset([p.particle]) if p.particle else frozenset()]
                    if events.prep_required(p) and not (p.object or p.xcomp):
                        groups.append(frozenset(p.prep))
                    needs.append(tuple(group for group in groups if group))
        for cue in speech_cues:
            requirements.setdefault(cue, []).append(())
        return cls(requirements, irregular_verbs(), parse_all)

    def __call__(self, sentence: Span) -> bool:
        if self.parse_all:
            return True
        lemmas: set[str] = set()
        for tok in sentence:
            low = tok.lower_
            if low == "according" or low in QUOTE_MARKS or low == ":" and tok.i - sentence.start <= 4:
                return True  # "A: …", "Kuleba: …": an interview answer may be speech
            guessed = self.guesses.get(low)
            if guessed is None:  # each word form is guessed once, not once per token
                if len(self.guesses) > MAX_GUESSES:
                    self.guesses.clear()
                guessed = self.guesses[low] = frozenset(lemma_candidates(low)) | ({self.irregular[low]} if low in self.irregular else set())
            lemmas.update(guessed)
        for lemma in lemmas & self.requirements.keys():
            if any(all(group & lemmas for group in needs) for needs in self.requirements[lemma]):
                return True
        return False

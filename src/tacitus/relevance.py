"""Which sentences are worth a full parse: a cheap superset test on word forms.

A sentence may hold an event when it contains a pattern's lemma together with any object or
complement word the pattern requires ("hold" alone is nothing; "hold" + "talks" may be), or a
speech cue, "according" or a quotation mark. Lemmas are guessed from spellings (suffix rules
and irregular_verbs.tsv), so no tagger runs before the choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Span

from tacitus.events.lexicon import EventLexicon
from tacitus.parse import QUOTE_MARKS
from tacitus.syntax import lemma_candidates
from tacitus.words import irregular_verbs


@dataclass(frozen=True)
class SentenceFilter:
    """`filter(sentence)` is True when the sentence may hold an event or a statement."""

    requirements: Mapping[str, list[tuple[frozenset[str], ...]]]
    irregular: Mapping[str, str]
    parse_all: bool = False

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
            if low == "according" or low in QUOTE_MARKS:
                return True
            lemmas.update(lemma_candidates(low))
            if low in self.irregular:
                lemmas.add(self.irregular[low])
        for lemma in lemmas & self.requirements.keys():
            if any(all(group & lemmas for group in needs) for needs in self.requirements[lemma]):
                return True
        return False

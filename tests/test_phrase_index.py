"""The phrase index finds exactly what spaCy's PhraseMatcher (on LOWER) finds, in the same
order: the dictionary matches, and so the coding, do not change with the index."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher

from tacitus.actors.entries import ActorLexicon, Entry, PhraseIndex

TEXT = ("Iranian police and the U.S. State Department said on Monday that Hamas and the United "
        "Nations Security Council had met the Colombian army's commander in Bogota, while the "
        "Zorvan's Kestrel-Front and the Zorvan-Kestrel Front said nothing. Iran")


def _phrase_matcher(lexicon: ActorLexicon, nlp) -> PhraseMatcher:
    """What the lexicon built before the index: one PhraseMatcher id per group of phrases."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups: dict[tuple[Entry, ...], tuple[str, list[str]]] = {}
    for key, entries in lexicon.phrases.items():
        groups.setdefault(tuple(entries), (key, []))[1].extend(sorted(lexicon.surfaces.get(key, {key})))
    for key, forms in groups.values():
        matcher.add(key, [nlp.make_doc(form) for form in forms])
    return matcher


def _both(lexicon: ActorLexicon, nlp, text: str) -> tuple[list, list]:
    doc = nlp.make_doc(text)
    spacy_matches = [(nlp.vocab.strings[match_id], start, end) for match_id, start, end in _phrase_matcher(lexicon, nlp)(doc)]
    return lexicon.matcher(nlp)(doc), spacy_matches


def test_the_shipped_dictionary_matches_as_with_the_phrase_matcher(coder):
    ours, theirs = _both(coder.actors, coder.nlp, TEXT)
    assert len(theirs) >= 8
    assert ours == theirs
    # the coder's index (loaded from the cache) is the same index
    assert coder.matcher(coder.nlp.make_doc(TEXT)) == ours


def test_keys_sharing_one_phrase_come_in_the_phrase_matchers_order(coder):
    lexicon = ActorLexicon()
    # four keys, one token sequence: zorvan 's kestrel - front
    variants = ["Zorvan's Kestrel-Front", "Zorvan 's Kestrel-Front", "Zorvan's Kestrel - Front", "Zorvan 's Kestrel - Front", "Zorvan-Kestrel Front"]
    for number, phrase in enumerate(variants):  # a distinct entry each: a group and a key each
        lexicon.add(phrase, Entry(kind="org", name=f"front {number}", country="ZRV"))
    lexicon.add("Kestrel Front", Entry(kind="org", name="kestrel", country="ZRV"))
    index = lexicon.matcher(coder.nlp)
    shared = [keys for keys in index.phrases.values() if len(keys) > 2]
    assert shared, "the variants should tokenize alike"
    ours, theirs = _both(lexicon, coder.nlp, TEXT)
    assert ours == theirs and len(theirs) >= 6


def test_an_empty_doc_and_an_empty_index_find_nothing(coder):
    empty = PhraseIndex.build([])
    assert empty(coder.nlp.make_doc("Iranian police")) == []
    assert ActorLexicon().matcher(coder.nlp)(coder.nlp.make_doc("")) == []

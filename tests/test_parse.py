"""parse.py and relevance.py: split, choose and parse the sentences that can hold an event."""

from __future__ import annotations

TEXT = (
    "The harvest in Mendoza was good this year. Prices of grapes fell slightly. "
    "He met the Chilean foreign minister in Santiago on Friday. "
    "Argentina's president said the talks were useful."
)


def test_only_relevant_sentences_and_their_antecedent_are_parsed(coder):
    [sentences] = coder.parser.parse([("", TEXT)])
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    # "met" and "said" may hold an event or a statement; "He" needs the sentence before it.
    assert [s.parsed for s in sentences] == [False, True, True, True]
    assert sentences[0].span.text == "The harvest in Mendoza was good this year."


def test_offsets_point_into_the_original_text(coder):
    [sentences] = coder.parser.parse([("Talks in Santiago", TEXT)])
    title, *body = sentences
    assert title.index == -1 and title.span.text == "Talks in Santiago"
    for sentence in body:
        first = sentence.span[0]
        start = sentence.delta + first.idx
        assert TEXT[start : start + len(first.text)] == first.text
        assert TEXT[sentence.start : sentence.start + len(sentence.span.text)] == sentence.span.text


def test_sentence_filter_reads_word_forms(coder):
    relevant = coder.parser.relevant
    doc = coder.nlp.make_doc
    assert relevant(doc("Troops struck rebel positions overnight."))  # irregular "struck" -> strike
    assert relevant(doc("According to the mayor, the bridge is safe."))
    assert not relevant(doc("The harvest was good this year."))


def test_kept_sentences_are_not_tokenized_twice_unless_split_inside_a_word(coder):
    from tacitus.parse import _doc, _joined

    text = "Rain fell on Lima.\n\nPeru's army  deployed troops on Monday. Prices rose.  Chile protested."
    sentences = [s for _, s in coder.parser.sentences(text)]
    chosen = [sentences[1], sentences[3]]
    tokens = _joined(chosen)
    assert tokens is not None
    joined = _doc(coder.nlp, tokens, {0})
    again = coder.nlp.make_doc(" ".join(s.text for s in chosen))
    assert joined.text == again.text
    assert [(t.text, t.whitespace_, t.norm_) for t in joined] == [(t.text, t.whitespace_, t.norm_) for t in again]
    # the opening quote after `said.` starts the next sentence inside one chunk: tokenized anew
    quoted = [s for _, s in coder.parser.sentences('Iran protested, the minister said."We will answer," he added.')]
    assert len(quoted) == 2 and _joined(quoted[1:]) is None


def test_a_kept_doc_keeps_the_norms_the_tokenizer_gives(coder):
    from tacitus.parse import _doc, _joined

    text = "Officials said they don't know. Talks resumed in Jan. after the vote."
    sentences = [s for _, s in coder.parser.sentences(text)]
    tokens = _joined(sentences)
    assert tokens is not None
    doc = _doc(coder.nlp, tokens, {0, len(sentences[0].text) + 1})
    norms = {t.text: t.norm_ for t in doc}
    assert norms["n't"] == "not" and norms["Jan."] == "January"
    assert [t.is_sent_start for t in doc].count(True) == 2


def test_a_blank_line_ends_a_sentence():
    from tacitus.parse import Parser, load_nlp

    parser = Parser(load_nlp(), lambda s: True)
    texts = [s.text for _, s in parser.sentences("Talks stall over border\n\nLIMA, May 2 - The minister left. He flew home.")]
    assert texts == ["Talks stall over border", "LIMA, May 2 -", "The minister left.", "He flew home."]


def test_a_dateline_is_no_part_of_the_first_sentence():
    from tacitus.parse import Parser, load_nlp

    parser = Parser(load_nlp(), lambda s: True)
    texts = [s.text for _, s in parser.sentences("QUITO, June 3 - Ecuador's president spoke. UN - backed talks resume.")]
    assert texts == ["QUITO, June 3 -", "Ecuador's president spoke.", "UN - backed talks resume."]


# Sentences that reach every kind of attribute-ruler rule: tags alone, words with tags, the
# parser's labels ("I"/"it" as subject or object, "do" as a main verb, "but" as an adverb),
# whitespace tokens, and the rules that read a neighbour ("there is", "gon na", "let's").
MEMO_TEXTS = [
    "It is late. The deal is good.",
    "There is no deal yet, but there were talks in Geneva on Tuesday.",
    "I told them it was over; they saw me and I saw it.",
    "We're gonna meet the minister, and y'all ain't invited.",
    "Let's see what the rebels did.  They did what they promised.\n\nThe army did not answer.",
    "Did the envoys have lunch? They had, and they do, but  only briefly.",
    "The ministers' statements were read aloud by the spokeswoman at 10:30 a.m. (local time).",
]


def _analyses(docs) -> list[list[tuple[str, str, str, str, str]]]:
    return [[(t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in docs]


def test_attribute_memo_gives_what_the_ruler_and_lemmatizer_give(coder):
    import spacy

    from tacitus.parse import MODEL

    nlp = coder.nlp
    assert "tacitus_attributes" in nlp.pipe_names and {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)
    plain = spacy.load(MODEL)
    expected = _analyses(plain.pipe(MEMO_TEXTS))
    memo = nlp.get_pipe("tacitus_attributes")
    assert _analyses(nlp.pipe(MEMO_TEXTS)) == expected
    size = len(memo.table)
    assert _analyses(nlp.pipe(MEMO_TEXTS)) == expected  # now every token from the table
    assert len(memo.table) == size
    # the same word, told apart by a neighbour: "is" after an expletive "there" is a VERB
    plain_is, there_is = nlp.pipe(MEMO_TEXTS[:2])
    assert {t.pos_ for t in plain_is if t.lower_ == "is"} == {"AUX"}
    assert [t.pos_ for t in there_is if t.lower_ in ("is", "were")] == ["VERB", "VERB"]
    assert [t.lemma_ for t in nlp("We're gonna go.") if t.lower_ in ("gon", "na")] == ["go", "to"]


def test_attribute_memo_on_tokens_seen_alone_and_in_context(coder):
    import spacy

    from tacitus.attributes import AttributeMemo
    from tacitus.parse import MODEL

    # a fresh table, so every token is worked out from the rules: with and without a context rule
    nlp = coder.nlp
    memo = AttributeMemo(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"), nlp.vocab)
    plain = spacy.load(MODEL)
    before = list(nlp.pipe(MEMO_TEXTS, disable=["tacitus_attributes", "tacitus_ner"]))
    assert _analyses(memo(doc) for doc in before) == _analyses(plain.pipe(MEMO_TEXTS, disable=["ner"]))


def test_attribute_memo_started_again_when_full_gives_the_same(coder, monkeypatch):
    import spacy

    import tacitus.attributes
    from tacitus.attributes import AttributeMemo
    from tacitus.parse import MODEL

    monkeypatch.setattr(tacitus.attributes, "MAX_ENTRIES", 20)
    nlp = coder.nlp
    memo = AttributeMemo(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"), nlp.vocab)
    before = list(nlp.pipe(MEMO_TEXTS * 2, disable=["tacitus_attributes", "tacitus_ner"]))
    assert _analyses(memo(doc) for doc in before) == _analyses(plain for plain in spacy.load(MODEL).pipe(MEMO_TEXTS * 2, disable=["ner"]))
    assert len(memo.table) < len({t.orth for doc in before for t in doc})  # it was emptied on the way


def test_numpy_matmul_parses_as_spacys_own_ops(coder):
    import spacy
    from threadpoolctl import threadpool_info

    from tacitus.matmul import OneThreadNumpyOps
    from tacitus.parse import MODEL

    nlp = coder.nlp
    assert all(isinstance(node.ops, OneThreadNumpyOps) for node in nlp.get_pipe("parser").model.walk())
    texts = [
        "The coast guard intercepted two boats carrying 300 migrants off the Libyan coast on Sunday.",
        "Opposition leaders in Dhaka accused the election commission of ignoring complaints about ballot stuffing.",
        "After three days of talks in Doha, the envoys said a ceasefire could begin within a week.",
    ]
    plain = spacy.load(MODEL)
    ours = [[(t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in doc] for doc in nlp.pipe(texts)]
    theirs = [[(t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in doc] for doc in plain.pipe(texts)]
    assert ours == theirs
    # the one-thread limit holds during a multiplication only: the program's BLAS keeps its threads
    before = [(i["internal_api"], i["num_threads"]) for i in threadpool_info()]
    list(nlp.pipe(texts))
    assert [(i["internal_api"], i["num_threads"]) for i in threadpool_info()] == before


def test_docs_parsed_a_few_tokens_at_a_time_parse_as_in_one_batch(coder, monkeypatch):
    import tacitus.parse
    from tacitus.parse import BATCH_TOKENS

    texts = [("Talks in Santiago", TEXT), ("", "Rebels attacked a convoy near Goma. The army said it repelled them."),
             ("Envoy visits Oman", "The Iranian foreign minister met his Omani counterpart in Muscat on Sunday.")]

    def parses(limit: int) -> tuple[list, int]:
        calls = []
        pipe = coder.nlp.pipe
        monkeypatch.setattr(tacitus.parse, "BATCH_TOKENS", limit)
        monkeypatch.setattr(coder.nlp, "pipe", lambda docs, **kw: calls.append(len(docs)) or pipe(docs, **kw))
        try:
            out = [[(s.index, s.parsed, [(t.text, t.tag_, t.dep_, t.head.i - s.span.start, t.ent_type_) for t in s.span]) for s in doc] for doc in coder.parser.parse(texts)]
        finally:
            monkeypatch.undo()
        return out, len(calls)

    together, one = parses(BATCH_TOKENS)
    apart, several = parses(8)
    assert one == 1 and several >= 5  # each title and each text's kept sentences: a Doc each
    assert apart == together


def test_greedy_decoder_gives_the_parse_and_entities_of_spacys_own_loop(coder):
    from spacy.tokens import Doc

    from tacitus.decode import GreedyDecoder
    from tacitus.parse import _doc

    nlp = coder.nlp
    assert {"tacitus_parser", "tacitus_ner"} <= set(nlp.pipe_names) and {"parser", "ner"} <= set(nlp.disabled)
    texts = [
        "Rebels shelled the outskirts of Goma on Tuesday, the army said, and 40,000 people fled toward the Rwandan border.",
        "",
        "   ",
        "Ms. Okafor, who chairs the senate committee on defence, told reporters in Abuja that no decision had been taken.",
        "police in karachi detained the editor of a local weekly after a complaint by the provincial home minister",
        "Talks.",
    ]
    # two sentences joined as the parser joins kept sentences: their boundary preset
    joined = _doc(nlp, (["Troops", "withdrew", ".", "He", "said", "so", "."], [True, False, True, True, True, False, False], []), {0, 17})
    before = [nlp.make_doc(t) for t in texts] + [joined]
    for name in ("tok2vec", "tagger"):
        before = [nlp.get_pipe(name)(doc) for doc in before]

    def copies() -> list[Doc]:
        return [Doc(nlp.vocab).from_bytes(doc.to_bytes()) for doc in before]

    def read(docs: list[Doc]) -> list[list[tuple]]:
        return [[(t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]

    for name in ("parser", "ner"):
        component = nlp.get_pipe(name)
        theirs = list(component.pipe(copies(), batch_size=3))  # spaCy's own decoding loop, batches of 3
        ours = list(GreedyDecoder(component).pipe(copies(), batch_size=3))
        assert read(ours) == read(theirs)
        assert read([GreedyDecoder(component)(doc) for doc in copies()]) == read(theirs)  # one at a time
        before = theirs
    assert [t.is_sent_start for t in before[-1]][3] is True  # the preset boundary held
    assert "DATE" in {t.ent_type_ for t in before[0]}  # the entity recognizer did run ("Tuesday")

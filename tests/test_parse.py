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

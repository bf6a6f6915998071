"""Parse-tree helpers every stage shares: the bottom layer above spaCy.

Phrase heads ("thousands of students" -> students), coordinations ("Iran, Iraq and Syria"),
subjects inherited through control and coordination, noun-phrase extents, depths and lemma
guesses. Pure functions of spaCy tokens; the word lists they read come from data/words.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Container

from spacy.tokens import Span, Token

from tacitus.words import words

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "obj")
NP_RIGHT_DEPS = frozenset({"compound", "flat", "appos", "nmod", "nummod"})
QUANTITY_HEADS = words("quantity_heads")
CONTROL_OBJECT_VERBS = words("control_object_verbs")
# Inflection rules for guessing lemmas (a superset is fine: the guesses are only looked up).
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""), ("'s", ""))


def lemma_candidates(word: str) -> list[str]:
    """Possible lemmas of an inflected English word, by suffix rules (a superset is fine)."""
    word = word.lower()
    out = [word]
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if re.search(r"([bdgklmnprtz])\1$", stem):  # "bombarded", "shelled", "planned"
                out.append(stem[:-1])
    return out


def known_lemma(tok: Token, known: Container[str]) -> str:
    """The token's lemma, or else the first lemma that its spelling allows and `known` holds."""
    lemma = tok.lemma_.lower()
    if lemma in known:
        return lemma
    return next((c for c in lemma_candidates(tok.lower_) if c in known), lemma)


def content_head(tok: Token) -> Token:
    """"Thousands of students", "a group of gunmen": the head that names who it is."""
    if tok.lemma_.lower() in QUANTITY_HEADS or tok.pos_ == "NUM":
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return tok


def expand(tok: Token) -> list[Token]:
    """A phrase head and the heads coordinated with it ("Iran, Iraq and Syria")."""
    tok = content_head(tok)
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(expand(child))
    return out


def children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: Container[str]) -> list[Token]:
    """The (expanded) objects of the token's prepositions in `preps` ("talks with Oman")."""
    objs: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    objs.extend(expand(pobj))
    return objs


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def subjects_of(verb: Token, depth: int = 0) -> list[Token]:
    """The subject phrase heads of a verb, inherited through xcomp, conj, relcl and participles."""
    if depth > 4:
        return []
    if is_passive(verb):
        agents = [pobj for agent in children(verb, ("agent",)) for pobj in agent.children if pobj.dep_ == "pobj"]
        return [t for a in agents for t in expand(a)]
    subjects = children(verb, SUBJECT_DEPS)
    if subjects:
        subj = subjects[0]
        if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return expand(verb.head)
        return expand(subj)
    head = verb.head
    if verb.dep_ == "relcl":
        return expand(head)
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
        return _controller(head, depth)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        return subjects_of(head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN":  # "a tanker seized by U.S. forces"
            return [t for agent in children(verb, ("agent",)) for pobj in agent.children if pobj.dep_ == "pobj" for t in expand(pobj)]
        return expand(head) if verb.tag_ == "VBG" else []
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        governor = head.head
        accused = children(governor, OBJECT_DEPS)
        if head.lower_ in ("of", "for") and accused:
            return expand(accused[0])  # "accused Ukraine of shelling the plant"
        if head.lower_ in ("by", "after", "before", "while", "in"):
            return subjects_of(governor, depth + 1)  # "violated the ceasefire by shelling"
    return []


def _controller(head: Token, depth: int) -> list[Token]:
    """Who does what a verb's to-infinitive says: its raised subject, its object, or its subject."""
    raised = children(head, PASSIVE_SUBJECT_DEPS)
    if raised:  # "X is expected to host", "X was forced to withdraw"
        return expand(raised[0])
    if head.lemma_ in CONTROL_OBJECT_VERBS:
        objs = children(head, OBJECT_DEPS)
        if objs:
            return expand(objs[0])
    return subjects_of(head, depth + 1)


def clause_subjects(verb: Token) -> list[Token]:
    """"demanded that Ukraine withdraw": the subject of the demanded clause is the target."""
    for comp in verb.children:
        if comp.dep_ == "ccomp":
            subjects = children(comp, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
            if subjects:
                return expand(subjects[0])
    return []


def depth_of(tok: Token) -> int:
    """Distance of a token from its sentence root (0 = the main verb)."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def entity_of(tok: Token) -> Span | None:
    """The named entity a token is part of (walking the IOB tags: `doc.ents` rebuilds every span)."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def np_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by `head`: its left modifiers, compounds,
    appositions and one "of" phrase, but not relative clauses or other prepositions."""
    tokens = [head]
    for child in head.children:
        if child.i < head.i and child.dep_ not in ("punct", "cc", "relcl") or child.dep_ in NP_RIGHT_DEPS:
            tokens.extend(t for t in child.subtree if t.dep_ != "relcl" and not _inside_relcl(t, child))
        elif child.dep_ == "prep" and child.lower_ == "of" and any(g.dep_ == "pobj" for g in child.children) or child.dep_ == "poss":
            tokens.extend(child.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


def _inside_relcl(tok: Token, top: Token) -> bool:
    while tok != top:
        if tok.dep_ in ("relcl", "acl"):
            return True
        tok = tok.head
    return False


def argument_phrase(tok: Token) -> Span:
    """The phrase an argument head stands for: its subtree without relative or participial
    clauses and without a coordinated second argument ("the Syrian army" of "the Syrian army
    and its allies" is one phrase; the allies are their own)."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in QUANTITY_HEADS:
        tok = tok.head.head  # "dozens of protesters" is the phrase, not "protesters"
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "cc", "conj", "punct") and c.i > tok.i for t in c.subtree}
    words_ = [t for t in tok.subtree if t.i not in cut]
    while len(words_) > 1 and words_[-1].is_punct:
        words_.pop()
    return tok.doc[words_[0].i : words_[-1].i + 1]

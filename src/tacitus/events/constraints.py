"""What a trigger's patterns are checked against: who a message speaks for, the predicate noun
of "took X hostage", a naming verb, the words of a reported clause and of the subject, what a
verb asks for or puts one into."""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.events.lexicon import object_classes
from tacitus.syntax import OBJECT_DEPS, children, expand, prep_objects, subjects_of
from tacitus.words import words

REQUEST_FOR_VERBS = words("request_for_verbs")  # "asked for a trial": what is asked for is the object
PLACING_VERBS = words("placing_verbs")  # "taken into custody", "placed under arrest": the state one is put in
PLACING_PREPS = words("placing_preps")
PLACING_STATES = words("placing_states")


def message_author(tok: Token) -> tuple[tuple[list[Token], list[Token]], Token] | None:
    """"hung banners denouncing X", "sent a letter to the government demanding funds": a
    message speaks for whoever put it out (the clause's subject), to whom it is sent. Returns
    the sources and the addressee, and the message; None when the participle is not a message's."""
    messages = set(object_classes().get("messages", ()))
    sent = [o for o in children(tok.head, OBJECT_DEPS) if o.lemma_.lower() in messages]
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and sent:
        return (subjects_of(tok.head), prep_objects(tok.head, ("to",))), sent[0]  # "sent a letter to X, demanding …"
    if tok.dep_ != "acl" or tok.tag_ != "VBG":
        return None
    noun = tok.head
    verb = noun.head
    if noun.dep_ in OBJECT_DEPS and noun.lemma_.lower() in messages and verb.pos_ in ("VERB", "AUX"):
        return (subjects_of(verb), prep_objects(verb, ("to",))), noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and verb.head.pos_ in ("VERB", "AUX"):
        sender = verb.head  # "sending a letter to the government demanding …" (parsed on "government")
        sent = [o for o in children(sender, OBJECT_DEPS) if o.lemma_.lower() in messages]
        if sent:
            return (subjects_of(sender), expand(noun)), sent[0]
    return None


def predicate_nouns(tok: Token) -> list[Token]:
    """The object predicate of "took X hostage", "held X captive" (parsed oprd, or as a clause)."""
    # (parsed oprd, as a clause, or as a verb's conjunct: "took three prison guards hostage")
    return [c for c in tok.children if c.pos_ in ("NOUN", "ADJ") and (c.dep_ == "oprd" or c.dep_ in ("advcl", "xcomp", "ccomp", "conj") and not any(g.dep_ in ("nsubj", "aux") for g in c.children))]


def names(tok: Token) -> bool:
    """"called them liars", "the people he called bombers", "who he called bombers": the verb
    names what its object (or the noun its clause describes) is."""
    nouns = [c for c in children(tok, OBJECT_DEPS) if c.pos_ in ("NOUN", "PROPN")]
    return bool(predicate_nouns(tok)) or len(children(tok, OBJECT_DEPS)) > 1 or tok.dep_ == "relcl" and bool(nouns)




# What a verb reports or warns of: its clausal complement, and the objects of these prepositions
# ("admitted to taking bribes", "warned of a general strike").
CLAUSE_DEPS = ("ccomp", "xcomp")
CLAUSE_PREPS = ("to", "of", "about")


def clause_words(tok: Token) -> set[str]:
    """The words of what a verb reports: "denied that he ordered the killing" gives order, kill, ...;
    a `clause` pattern holds only when one of its words is there."""
    heads = [c for c in tok.children if c.dep_ in CLAUSE_DEPS]
    heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in CLAUSE_PREPS for g in c.children if g.dep_ in ("pobj", "pcomp")]
    found = {w for h in heads for t in h.subtree for w in (t.lemma_.lower(), t.lower_)}
    if any(_subjunctive(h) for h in heads):
        found.add(SUBJUNCTIVE)
    # (or parsed on the object: "telling councils to find sites")
    if any(_open_infinitive(c) for c in tok.children) or any(_open_infinitive(g) for c in tok.children if c.dep_ == "dobj" for g in c.children):
        found.add(INFINITIVE)
    return found


# The mark a `clause` pattern names to hold only for a bare subjunctive ("insisted that they withdraw").
SUBJUNCTIVE = "subjunctive"
# The mark for an open to-infinitive: "told the army to withdraw" asks for an act, where "told
# reporters that …" reports one, and "told the programme to be aired on Sunday" names a programme (a passive
# infinitive is no open complement), "told reporters where to find him" informs.
INFINITIVE = "infinitive"


def _open_infinitive(head: Token) -> bool:
    kids = list(head.children)
    return (head.dep_ in (*CLAUSE_DEPS, "acl") and head.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") or c.tag_ in ("WP", "WRB", "WDT") for c in kids))


def _subjunctive(head: Token) -> bool:
    """"insisted (that) they withdraw the threat": a that-clause whose verb is a bare base form with
    its own subject and no auxiliary asks for the act; "insisted they would" asserts it. (After a
    past or an infinitive, a plural's present "withdraw" is that base form: tenses would agree.)"""
    kids = list(head.children)
    if head.dep_ != "ccomp" or not any(c.dep_ == "nsubj" for c in kids) or any(c.dep_ in ("aux", "auxpass", "neg") for c in kids):
        return False
    backshifted = head.head.tag_ in ("VBD", "VBN", "VB")
    return head.tag_ == "VB" or head.tag_ == "VBP" and backshifted and head.lemma_.lower() not in ("be", "have", "do")


def subject_words(sources: list[Token]) -> set[str]:
    """The words of the source phrases' heads, what modifies them before the head ("riot
    police", "federal agents") and their "of" noun ("the house of lords", "officers of the
    federal police"): a `subject` pattern holds only for these."""
    tokens = [t for s in sources for t in s.subtree if t.i <= s.i]
    tokens += [o for s in sources for p in s.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def asked_for(tok: Token) -> list[Token]:
    """"asked for military aid", "asked the US for aid": the thing asked for; "was taken into
    custody", "placed him under arrest": the state one is put in."""
    lemma = tok.lemma_.lower()
    if lemma in REQUEST_FOR_VERBS:
        return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
    if lemma in PLACING_VERBS:  # only a state of custody: "took refuge in the area" takes no area
        return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in PLACING_PREPS for g in c.children
                if g.dep_ == "pobj" and g.lemma_.lower() in PLACING_STATES]
    return []


def comment_clause(tok: Token) -> bool:
    """"as opposed to a token gesture", "as agreed last year", "as expected": a participle with "as"
    and no subject comments on the clause; it reports no act of its own."""
    kids = list(tok.children)
    return (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "prep", "pcomp") and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in kids))

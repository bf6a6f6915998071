"""Actor mentions in a parsed document, each coded from the text itself.

`find_mentions` walks the noun phrases of a parsed document and codes each one from the
dictionary matches inside it: a known person (dated role), an organisation, a sector title with
a country from its adjective, possessor, apposition or "of" phrase ("Afghanistan's acting foreign
minister", "Muttaqi, the Taliban's foreign minister", "the president of Iran"), a bare country,
capital or metonym, a pronoun or "the two sides". Coordinated modifiers give compound actors
("Hungarian and Romanian officials" -> two members).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from tacitus.actors.casing import caseless
from tacitus.actors.lexicon import COUNTRY_KINDS, ActorLexicon, Entry

PRONOUNS = {
    "he": ("m", False), "him": ("m", False), "his": ("m", False), "himself": ("m", False),
    "she": ("f", False), "her": ("f", False), "hers": ("f", False), "herself": ("f", False),
    "they": (None, True), "them": (None, True), "their": (None, True), "themselves": (None, True),
    "it": (None, False), "its": (None, False),
}
# Heads that name a set of people without saying who (the country modifier is the actor).
GENERIC_HEADS = {"man", "woman", "people", "person", "citizen", "national", "resident", "member", "individual", "group", "child", "family", "youth",
                 # things an actor fields: "an army convoy", "Armenian positions", "police checkpoint"
                 "convoy", "patrol", "position", "base", "outpost", "checkpoint", "post", "barracks", "unit", "vessel", "ship", "aircraft", "plane", "jet", "tank", "helicopter", "boat"}
# Definite nouns that refer back to an organisation or country already named; the value says
# which kind of actor they may refer to.
ANAPHORIC_NOUNS = {
    **dict.fromkeys(["bloc", "alliance", "union", "organisation", "organization", "body", "agency", "commission", "council"], "igo"),
    **dict.fromkeys(["group", "movement", "faction", "militia", "cartel", "gang", "organisation", "outfit", "network"], "armed"),
    **dict.fromkeys(["country", "nation", "kingdom", "republic", "emirate", "state", "regime", "government"], "country"),
}
NP_RIGHT_DEPS = {"compound", "flat", "appos", "nmod", "nummod"}


@dataclass
class Coding:
    """What a phrase says about who it names."""

    country: str | None = None
    sector: str | None = None
    code: str | None = None
    name: str = ""
    kind: str = "group"  # person | group | country | place | organisation | pronoun | dyad | title
    person: str | None = None  # canonical name of a known or named person
    gender: str | None = None
    plural: bool = False
    definite_title: bool = False  # "the minister", "His Eminence": refers back to someone named
    titles: frozenset[str] = frozenset()  # office words of the phrase ("minister", "emir")
    unanchored: str | None = None  # an anaphor's own sector when nothing was named before ("the government")

    @property
    def actor_code(self) -> str | None:
        if self.code:
            return self.code
        if self.country or self.sector:
            return f"{self.country or ''}{self.sector or ''}"
        return None

    @property
    def is_coded(self) -> bool:
        return bool(self.country or self.sector or self.code)


@dataclass
class RawMention:
    """One actor mention before document-level resolution."""

    head: int  # token index of the phrase head
    start: int  # character offsets into the parsed text
    end: int
    text: str
    sentence: int
    members: list[Coding] = field(default_factory=list)  # one per compound member
    key: int = 0  # the resolver's handle for this mention (the head index, offset per part)
    aliases: list[int] = field(default_factory=list)  # keys of phrases folded into this one (appositions)

    @property
    def coding(self) -> Coding:
        return self.members[0]


@dataclass
class DocMatches:
    """Dictionary matches of one parsed document, indexed by token."""

    by_token: dict[int, tuple[int, int, list[Entry]]]
    lexicon: ActorLexicon

    @classmethod
    def build(cls, doc: Doc, lexicon: ActorLexicon, matcher: PhraseMatcher) -> DocMatches:
        by_token: dict[int, tuple[int, int, list[Entry]]] = {}
        for start, end, entries in lexicon.find(doc, matcher):
            for i in range(start, end):
                by_token[i] = (start, end, entries)
        return cls(by_token, lexicon)

    def is_person_noun(self, lemma: str) -> bool:
        return self.lexicon.is_person_noun(lemma)

    def spans_in(self, tokens: list[Token]) -> list[tuple[int, int, list[Entry]]]:
        seen = []
        for tok in tokens:
            match = self.by_token.get(tok.i)
            if match and match not in seen:
                seen.append(match)
        return seen


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


def _entries(entries: list[Entry], kinds: tuple[str, ...]) -> list[Entry]:
    return [e for e in entries if e.kind in kinds]


def _capitalised(doc: Doc, start: int) -> bool:
    text = doc[start].text
    return text[:1].isupper() or text[:1].isdigit() or caseless(doc) and not doc[start].is_stop


@dataclass
class _Parts:
    """The dictionary matches inside one noun phrase, sorted by what they name."""

    persons: list[tuple[Entry, int, int]] = field(default_factory=list)
    orgs: list[tuple[Entry, int, int]] = field(default_factory=list)
    sectors: list[tuple[Entry, int, int]] = field(default_factory=list)
    countries: list[tuple[Entry, int, int]] = field(default_factory=list)
    ethnic: list[tuple[Entry, int, int]] = field(default_factory=list)
    eli: bool = False
    honorific: bool = False


def _inside_name(doc: Doc, start: int, end: int, spans: list[tuple[int, int, list[Entry]]]) -> bool:
    """Is a town's name part of a longer name ("Nancy" in "Nancy Tembo", "Rama" in "Edi Rama",
    "Rodriguez" in "Rosa Icela Rodriguez"): next to a name word no dictionary knows?"""
    ent = entity_of(doc[start])
    if ent is not None and ent.label_ == "PERSON" and (ent.start < start or ent.end > end):
        return True
    matched = {i for s, e, _ in spans for i in range(s, e)}
    for i in (start - 1, end):
        if not 0 <= i < len(doc) or i in matched:
            continue
        tok = doc[i]
        if i == tok.sent.start and tok.pos_ != "PROPN":
            continue
        if tok.is_alpha and not tok.is_stop and (tok.text[:1].isupper() if not caseless(doc) else tok.pos_ in ("PROPN", "NOUN")):
            return True
    return False


def _in_office(entries: list[Entry], day: Date | None) -> list[Entry]:
    """People a name or title may denote, those in a role on `day` first ("Supreme Leader")."""
    def active(entry: Entry) -> bool:
        return entry.person is not None and any(r.holds_on(day) for r in entry.person.roles)

    return sorted(entries, key=lambda e: not active(e))


def _classify(doc: Doc, spans: list[tuple[int, int, list[Entry]]], day: Date | None = None) -> _Parts:
    parts = _Parts()
    for start, end, entries in spans:
        capital = _capitalised(doc, start)
        named = capital or _capitalised(doc, end - 1)  # "president Barack Obama"
        if (found := _entries(entries, ("person",))) and named or (found := _entries(entries, ("person_title",))) and capital:
            parts.persons.append((_in_office(found, day)[0], start, end))
        elif (found := _entries(entries, ("org",))) and (capital or end - start > 1):
            parts.orgs.append((found[0], start, end))
        elif (found := _entries(entries, COUNTRY_KINDS)) and capital and not (found[0].kind == "place" and _inside_name(doc, start, end, spans)):
            parts.countries.append((found[0], start, end))  # a town is not a person's name ("Nancy Tembo")
        elif found := _entries(entries, ("ethnic",)):
            parts.ethnic.append((found[0], start, end))
        elif found := _entries(entries, ("sector",)):
            parts.sectors.append((found[0], start, end))
        elif _entries(entries, ("eli_modifier",)):
            parts.eli = True
        elif _entries(entries, ("honorific",)):
            parts.honorific = True
    return parts


def _org_coding(org: Entry, sector: str | None, day: Date | None) -> Coding:
    """An organisation's code; a group that became the government codes as GOV from that day
    ("the Taliban" after 2021-08-15), its soldiers as MIL."""
    if org.since_gov is not None and day is not None and day >= org.since_gov:
        org_sector = sector if sector in ("GOV", "MIL") else "GOV"
        return Coding(country=org.country, sector=org_sector, code=f"{org.country}{org_sector}", name=org.name, kind="organisation")
    return Coding(country=org.country, sector=org.sector, code=org.code, name=org.name, kind="organisation")


def _title_words(parts: _Parts) -> frozenset[str]:
    return frozenset(entry.name.split()[-1] for entry, _, _ in parts.sectors)


def _person_coding(entry: Entry, day: Date | None) -> Coding:
    person = entry.person
    assert person is not None
    role = person.role_on(day)
    titles = {w.lower() for r in person.roles if r.title for w in r.title.replace("-", " ").split()}
    titles |= {w.lower() for t in person.titles for w in t.split()}
    return Coding(
        titles=frozenset(titles),
        country=role.country if role else None,
        sector=role.sector if role else None,
        code=role.code if role else None,
        name=person.name,
        kind="person",
        person=person.name,
        gender=person.gender,
    )


def code_phrase(doc: Doc, head: Token, matches: DocMatches, day: Date | None) -> list[Coding]:
    """Code the noun phrase headed by `head`; several codings for a compound actor."""
    low = head.lower_
    if low in PRONOUNS and (head.pos_ == "PRON" or head.tag_ == "PRP$"):
        gender, plural = PRONOUNS[low]
        return [Coding(kind="pronoun", gender=gender, plural=plural, name=head.text)]
    tokens = np_tokens(head)
    words = {t.lower_ for t in tokens}
    if "sides" in words and words & {"two", "both"}:
        return [Coding(kind="dyad", plural=True, name="the two sides")]
    parts = _classify(doc, matches.spans_in(tokens), day)
    if parts.honorific and not (parts.persons or parts.orgs or parts.countries or parts.sectors):
        # "His Eminence", "Her Majesty": a dignitary already named, whatever the tagger thinks
        return [Coding(kind="title", definite_title=True, name=_name_of(doc, head, tokens), gender="f" if tokens[0].lower_ == "her" else "m")]
    if (
        head.lemma_.lower() in ANAPHORIC_NOUNS
        and head.text.islower()
        and not (parts.persons or parts.orgs or parts.countries)
        and any(t.lower_ in ("the", "this", "that") for t in tokens if t.i < head.i)
        and len(tokens) <= 3
    ):
        # "the bloc", "the kingdom", "the group": a name for an organisation or country already met.
        own = next((e.sector for e, start, end in parts.sectors if start <= head.i < end), None)
        return [Coding(kind="anaphor", name=head.text, plural=head.tag_ == "NNS", sector=ANAPHORIC_NOUNS[head.lemma_.lower()], unanchored=own)]
    plural = head.tag_ in ("NNS", "NNPS")
    name = _name_of(doc, head, tokens)
    apposed_names = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    named_person = head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in tokens if t.i <= head.i and t.pos_ == "PROPN"))
    if apposed_names and not named_person:
        # "Muttaqi, the Taliban's foreign minister" parsed the other way round: the name is in apposition
        named_person, name = True, _name_of(doc, apposed_names[0], tokens)
    role_noun = not plural and head.pos_ == "NOUN" and head.lemma_.lower() not in GENERIC_HEADS and matches.is_person_noun(head.lemma_)

    # A known person: the strongest reading ("U.S. Secretary of State Colin Powell", "Qatar's
    # emir, Sheikh Tamim"); not a person who only owns the phrase ("Putin's spokesman").
    if parts.persons:
        at_head = [p for p in parts.persons if p[1] <= head.i < p[2]]
        apposed = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
        in_appos = [p for p in parts.persons if p[1] in apposed]
        owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        named = [p for p in parts.persons if p[1] not in owners]
        if at_head or in_appos or named and (not parts.sectors or named_person):
            coding = _person_coding((at_head or in_appos or named)[0][0], day)
            former = parts.eli or any(e.sector == "ELI" for e, _, _ in parts.sectors)
            _title_decides(coding, parts, former, _country_members(doc, parts.countries))
            _official_of(coding, parts, day)
            if former and coding.sector in ("GOV", "MIL", "LEG", "JUD", "COP"):
                coding.sector, coding.code = "ELI", None  # "former President X"
            coding.titles = _title_words(parts) | coding.titles
            return [coding]

    sector = None
    if parts.sectors:
        # The sector word at the head, else the last one before it ("U.S. military chief General X").
        at_head = [s for s in parts.sectors if s[1] <= head.i < s[2]]
        before = [s for s in parts.sectors if s[2] <= head.i]
        if at_head:
            sector = at_head[-1][0].sector
        elif before and not named_person and _titled_name(doc, head, before[-1], matches):
            # "Serbian President X", "malawian foreign minister nancy tembo": the title names the person
            sector, named_person, name = before[-1][0].sector, True, doc[before[-1][2] : head.i + 1].text
        elif before and (named_person or role_noun or head.lemma_.lower() in GENERIC_HEADS or head.pos_ == "PROPN"):
            # "police chief", "army spokesman", "U.S. military chief General X", "opposition members"
            sector = before[-1][0].sector
        elif not parts.countries and not parts.orgs and not parts.persons:
            # "a refugee camp", "the army base": a sector word modifying a non-actor noun.
            return []
        if parts.eli and sector in ("GOV", "MIL", "LEG", "JUD", "COP"):
            sector = "ELI"
    if sector is None and role_noun and (parts.countries or parts.orgs):
        sector = "GOV"  # "the British leader", "Iran's envoy": an office holder of that country
    kind = "person" if named_person or role_noun else "group"
    person = name if named_person else None

    if parts.orgs:
        coding = _org_coding(parts.orgs[-1][0], sector, day)
        org_start, org_end = parts.orgs[-1][1], parts.orgs[-1][2]
        if kind == "person" and not (org_start <= head.i < org_end):  # "Hamas leader X", not "the Houthis"
            coding.kind, coding.name, coding.person = "person", name, person
        coding.plural = plural
        return [coding]

    countries = _country_members(doc, parts.countries)
    ethnic = parts.ethnic[-1][0] if parts.ethnic else None
    if not countries and ethnic is not None and ethnic.country:
        countries = [ethnic.country]  # "the Rohingya", "Uyghurs": the country they live in
    if not countries and not sector:
        if named_person:
            return [Coding(kind="person", person=name, name=name)]
        if head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            return [Coding(kind="organisation", name=name, plural=plural)]
        return []
    if sector is None and countries:
        country_kind, head_is_country = None, False
        for entry, start, end in parts.countries:
            if start <= head.i < end:
                country_kind, head_is_country = entry.kind, True
        if country_kind in ("capital", "metonym"):
            sector = "GOV"
        elif country_kind == "metonym_mil":
            sector = "MIL"
        elif ethnic is not None:
            # "Iraqi Kurds": the country the phrase gives, and the community's ethnic code
            return [Coding(country=c, code=f"{c}{ethnic.code}", name=name, kind="group", plural=plural) for c in countries]
        elif not head_is_country and not named_person and not role_noun and head.lemma_.lower() not in GENERIC_HEADS | RELATIONAL_HEADS:
            # "Iranian oil", "the Syrian border": a country word on a non-actor noun is no actor.
            return []
        if head_is_country and country_kind in ("country", "adjective", "demonym"):
            kind = "country"
        elif head_is_country and country_kind == "place":
            kind = "place"  # a town or province: an actor only where it acts, never after a preposition
    definite = (
        role_noun
        and not named_person
        and (parts.honorific or any(t.lower_ in ("the", "this", "that") and t.dep_ == "det" for t in tokens))
    )
    titles = _title_words(parts) | ({head.lemma_.lower()} if role_noun else set())
    return [
        Coding(country=c, sector=sector, name=name, kind=kind, person=person, plural=plural, definite_title=definite, titles=frozenset(titles))
        for c in (countries or [None])
    ]


def _titled_name(doc: Doc, head: Token, title: tuple[Entry, int, int], matches: DocMatches) -> bool:
    """Is `head` the end of a name right after a person's title ("President X Y") that the
    dictionaries do not know? Lower-cased text has no PERSON entity to say so."""
    entry, _, end = title
    if not matches.is_person_noun(entry.name.split()[-1]) or not 0 < head.i - end + 1 <= 4:
        return False
    return all(t.is_alpha and not t.is_stop and t.i not in matches.by_token and t.pos_ in ("PROPN", "NOUN", "ADJ") for t in doc[end : head.i + 1])


STATE_TITLE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")


def _title_decides(coding: Coding, parts: _Parts, former: bool, countries: list[str]) -> None:
    """A known person whose dated role is unknown on the day (or who is only a notable then) takes
    the office the phrase gives him ("Serbian President X"), never a fallback to ELI."""
    titles = [e.sector for e, _, _ in parts.sectors if e.sector in STATE_TITLE_SECTORS]
    if former or not titles or coding.country in ("IGO", "NGO") or any(e.sector in ("IGO", "NGO") for e, _, _ in parts.orgs):
        return
    country = countries[0] if len(countries) == 1 else coding.country
    if coding.sector in (None, "ELI") or coding.sector not in STATE_TITLE_SECTORS or country != coding.country:
        # A title held on the day of the text beats a table's older role ("Kosovo Prime Minister
        # Albin Kurti" after years in opposition); its nationality beats a namesake's.
        coding.sector, coding.country, coding.code = titles[-1], country, None


def _official_of(coding: Coding, parts: _Parts, day: Date | None) -> None:
    """An international official named with his organisation acts for it ("NATO Secretary General
    X", "UN High Commissioner for Human Rights X"), whatever his nationality."""
    bodies = [e for e, _, _ in parts.orgs if e.sector in ("IGO", "NGO")]
    if bodies and coding.sector in (None, "ELI", "IGO", "NGO"):
        org = _org_coding(bodies[-1], None, day)
        coding.country, coding.sector, coding.code = org.country, org.sector, org.code


def _country_members(doc: Doc, countries: list[tuple[Entry, int, int]]) -> list[str]:
    """Countries of the phrase; coordinated ones ("Hungarian and Romanian") are all members."""
    if not countries:
        return []
    codes: list[str] = []
    # Coordinated modifiers: walk back over "X and Y" / "X, Y and Z" chains of country words.
    chain = [countries[-1]]
    for item in reversed(countries[:-1]):
        between = doc[item[2] : chain[0][1]]
        if all(t.lower_ in (",", "and", "or", "&") for t in between) and len(between) > 0:
            chain.insert(0, item)
        else:
            break
    for entry, _, _ in chain:
        if entry.country and entry.country not in codes:
            codes.append(entry.country)
    return codes


def _name_of(doc: Doc, head: Token, tokens: list[Token]) -> str:
    """A readable name for the phrase: the head with its compounds, without determiners."""
    if head.ent_type_:
        ent = entity_of(head)
        if ent is not None:
            return ent.text
    inside = {t.i for t in tokens}
    left = head.i
    while left - 1 in inside and doc[left - 1].dep_ in ("compound", "amod", "flat"):
        left -= 1
    return doc[left : head.i + 1].text


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


def mention_heads(doc: Doc | Span) -> list[Token]:
    """Heads of every phrase that may name an actor: nouns, proper nouns and pronouns in argument
    positions, possessors, and nationality modifiers of nouns that are not actors themselves
    ("Israeli strikes": Israel is the one striking)."""
    heads = []
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "flat", "amod") or tok.lower_ in PRONOUNS and tok.pos_ == "PRON" or tok.dep_ in ("amod", "compound") and tok.pos_ in ("ADJ", "PROPN") and tok.head.pos_ == "NOUN" and tok.i < tok.head.i:
            heads.append(tok)
    return heads


LOCATIVE_PREPS = {"in", "near", "inside", "outside", "across", "throughout", "around", "within", "into", "toward", "towards", "along"}
RELATIONAL_HEADS = {"counterpart", "opposite"}


def _is_place(tok: Token, coding: Coding) -> bool:
    """"in Muscat", "across Syria": a country or capital in a locative phrase is a place, not an actor."""
    if coding.kind == "place" and coding.sector is None and tok.dep_ == "pobj":
        return True  # "the port of Kaohsiung", "from Arequipa"
    return (
        coding.kind in ("country", "group")
        and coding.sector in (None, "GOV")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in LOCATIVE_PREPS
        and tok.ent_type_ in ("GPE", "LOC", "FAC")
    )


def find_mentions(sentence_span: Span, matches: DocMatches, day: Date | None, sentence: int, key_offset: int = 0) -> list[RawMention]:
    """Every coded actor mention in a parsed sentence, in reading order."""
    doc = sentence_span.doc
    mentions: dict[int, RawMention] = {}
    for head in mention_heads(sentence_span):
        members = code_phrase(doc, head, matches, day)
        if not members or _is_place(head, members[0]):
            continue
        tokens = np_tokens(head) if members[0].kind != "pronoun" else [head]
        span = doc[tokens[0].i : tokens[-1].i + 1]
        mentions[head.i] = RawMention(
            head=head.i,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            sentence=sentence,
            members=members,
            key=head.i + key_offset,
        )
    for i in list(mentions):
        tok = doc[i]
        owner = mentions.get(tok.head.i)
        if tok.dep_ in ("amod", "compound") and (owner is not None or mentions[i].coding.kind not in ("country", "organisation")):
            del mentions[i]  # "Israeli warplanes" is one mention; "Israeli" alone only on a non-actor noun
            continue
        if tok.dep_ == "appos" and owner is not None and owner.coding.kind != "pronoun":
            owner.aliases.append(mentions.pop(i).key)  # "Qatar's emir, Sheikh Tamim": one mention
            continue
        # A possessor that gave a larger phrase its country is part of that mention.
        if (
            tok.dep_ == "poss"
            and owner is not None
            and mentions[i].coding.kind not in ("pronoun", "anaphor")
            and owner.coding.is_coded
            and owner.coding.country == mentions[i].coding.country
        ):
            del mentions[i]
    for mention in mentions.values():
        _complete_counterpart(doc, mention, mentions)
    return [mentions[i] for i in sorted(mentions)]


def dictionary_mentions(sentence_span: Span, matches: DocMatches, day: Date | None, sentence: int, key_offset: int = 0) -> list[RawMention]:
    """Mentions in a sentence that was not parsed: the names the dictionaries know (people,
    organisations, countries), so later pronouns and surnames can still find them."""
    doc = sentence_span.doc
    out = []
    seen: set[int] = set()
    for i in range(sentence_span.start, sentence_span.end):
        match = matches.by_token.get(i)
        low = doc[i].lower_
        if match is None and low in PRONOUNS and low not in ("it", "its"):
            gender, plural = PRONOUNS[low]
            coding = Coding(kind="pronoun", gender=gender, plural=plural, name=doc[i].text)
            out.append(RawMention(head=i, start=doc[i].idx, end=doc[i].idx + len(doc[i].text), text=doc[i].text, sentence=sentence, members=[coding], key=i + key_offset))
            continue
        if match is None or match[0] in seen:
            continue
        start, end, entries = match
        seen.add(start)
        parts = _classify(doc, [match], day)
        if parts.persons:
            coding = _person_coding(parts.persons[0][0], day)
        elif parts.orgs:
            coding = _org_coding(parts.orgs[0][0], None, day)
        elif parts.countries and parts.countries[0][0].kind in ("country", "capital", "metonym"):
            entry = parts.countries[0][0]
            coding = Coding(country=entry.country, sector=None if entry.kind == "country" else "GOV", name=doc[start:end].text, kind="country" if entry.kind == "country" else "group")
        else:
            continue
        span = doc[start:end]
        out.append(RawMention(head=end - 1, start=span.start_char, end=span.end_char, text=span.text, sentence=sentence, members=[coding], key=end - 1 + key_offset))
    return out


def _complete_counterpart(doc: Doc, mention: RawMention, mentions: dict[int, RawMention]) -> None:
    """"his Omani counterpart" holds the same office as the clause's subject."""
    head = doc[mention.head]
    if head.lemma_.lower() not in RELATIONAL_HEADS:
        return
    verb = head.head
    while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    other = mentions.get(subject.i) if subject is not None else None
    if other is None:
        return
    for member in mention.members:
        member.sector = member.sector or other.coding.sector
        member.kind = "person"

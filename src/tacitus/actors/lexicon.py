"""Actor dictionaries: countries, organisations, sector nouns and people, validated on load.

The shipped YAML files (data/countries.yaml, igos.yaml, sectors.yaml, people.yaml) and, on top,
a user's PETRARCH/TABARI actor and agent dictionaries become one `ActorLexicon`: a table from
lower-cased phrases to the `Entry`s they may name, matched against parsed text with its
`PhraseIndex` (entries.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path

import pycountry

from tacitus.actors.entries import (
    COUNTRY_KINDS,
    ActorLexicon,
    Entry,
    LexiconError,
    Person,
    Role,
    normalise,
    plural,
)
from tacitus.datafiles import load_yaml, read_data

__all__ = ["COUNTRY_KINDS", "ActorLexicon", "Entry", "LexiconError", "Person", "Role", "load_lexicon", "normalise", "plural"]

SECTORS = frozenset(
    ["GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "ELI", "BUS", "MED", "CVL", "EDU", "HLH", "LAB", "REF", "REL", "HRI", "SPY", "CRM", "UAF", "IGO", "NGO", "MNC", "AGR", "ENV"]
)
REGIONS = frozenset(
    ["EUR", "AFR", "ASA", "MEA", "ARB", "LAM", "NMR", "SAM", "CAS", "SAS", "SEA", "WAF", "EAF", "BLK", "CAU", "SCN", "WST", "XKX", "IGO", "NGO"]
)

LOG = logging.getLogger("tacitus.dictionaries")
def _date(value: object, where: str) -> Date | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value))
    except ValueError as err:
        raise LexiconError(f"{where}: bad date {value!r}") from err


def _sector(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in SECTORS:
        raise LexiconError(f"{where}: unknown sector {value!r}")
    return str(value)


def _country(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    code = str(value)
    if code in REGIONS or pycountry.countries.get(alpha_3=code) is not None:
        return code
    raise LexiconError(f"{where}: unknown country code {code!r}")


def _read_yaml(name: str) -> object:
    return load_yaml(read_data(name))


def load_countries(lexicon: ActorLexicon, data: object, origin: str = "countries.yaml") -> None:
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: expected a mapping of country codes")
    for code, info in data.items():
        where = f"{origin}:{code}"
        _country(code, where)
        if not isinstance(info, dict):
            raise LexiconError(f"{where}: expected a mapping")
        country = pycountry.countries.get(alpha_3=code)
        canonical = (info.get("names") or [getattr(country, "name", code)])[0]
        names = list(info.get("names") or [])
        if country is not None:
            names += [country.name, getattr(country, "common_name", country.name)]
        phrases_of = {
            "country": names,
            "adjective": info.get("adjectives"),
            "demonym": info.get("demonyms"),
            "capital": info.get("capitals"),
            "metonym": info.get("metonyms"),
            "metonym_mil": info.get("metonyms_mil"),
        }
        for kind, phrases in phrases_of.items():
            if not isinstance(phrases or [], list):
                raise LexiconError(f"{where}: {kind} must be a list")
            for phrase in phrases or []:
                lexicon.add(str(phrase), Entry(kind=kind, name=canonical, country=str(code)))


def _named_items(data: object, origin: str, what: str) -> Iterator[tuple[str, dict]]:
    """The entries of a list-shaped data file, each a mapping with a name, and where it is."""
    if not isinstance(data, list):
        raise LexiconError(f"{origin}: expected a list of {what}")
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise LexiconError(f"{origin}:#{number}: every entry needs a name")
        yield f"{origin}:{item['name']}", item


def load_orgs(lexicon: ActorLexicon, data: object, origin: str = "igos.yaml") -> None:
    for where, item in _named_items(data, origin, "organisations"):
        country = _country(item.get("country"), where)
        sector = _sector(item.get("sector"), where)
        code = str(item.get("code") or f"{country or ''}{sector or ''}") or None
        entry = Entry(
            kind="org",
            name=str(item["name"]),
            country=country,
            sector=sector,
            code=code,
            since_gov=_date(item.get("since_gov"), where),
        )
        for phrase in [item["name"], *(item.get("aliases") or [])]:
            lexicon.add(str(phrase), entry)


def load_loaded_names(lexicon: ActorLexicon, data: object, origin: str = "loaded_names.yaml") -> None:
    """Ideological names ("the Great Satan", "the Kyiv junta"): the actor meant, neutrally coded.
    Every entry needs a code and a note saying why the name means that actor."""
    for where, item in _named_items(data, origin, "loaded names"):
        if set(item) != {"name", "code", "country", "sector", "note"} or not item.get("code") or not str(item.get("note") or "").strip():
            raise LexiconError(f"{where}: needs exactly a name, code, country, sector and a note")
        entry = Entry(kind="org", name=str(item["name"]), country=_country(item.get("country"), where), sector=_sector(item.get("sector"), where), code=str(item["code"]))
        lexicon.add(str(item["name"]), entry)


def load_sectors(lexicon: ActorLexicon, data: object, origin: str = "sectors.yaml") -> None:
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: expected a mapping of sector codes")
    for key, info in data.items():
        if key == "modifiers_eli":
            for word in info or []:
                lexicon.add(str(word), Entry(kind="eli_modifier", name=str(word), sector="ELI"))
            continue
        if key == "person_nouns":
            lexicon.person_nouns.update(str(w).lower() for w in info or [])
            continue
        if key == "honorifics":
            for word in info or []:
                lexicon.add(str(word), Entry(kind="honorific", name=str(word)))
            continue
        sector = _sector(key, f"{origin}:{key}")
        terms = info.get("terms") if isinstance(info, dict) else info
        if not isinstance(terms, list):
            raise LexiconError(f"{origin}:{key}: terms must be a list")
        for term in terms:
            term = str(term).lower()
            entry = Entry(kind="sector", name=term, sector=sector)
            lexicon.add(term, entry)
            if not term.endswith("s"):
                lexicon.add(plural(term), entry)


def load_people(lexicon: ActorLexicon, data: object, origin: str = "people.yaml") -> None:
    for where, item in _named_items(data, origin, "people"):
        roles = []
        for role in item.get("roles") or []:
            start, end = _date(role.get("start"), where), _date(role.get("end"), where)
            if start and end and end < start:
                raise LexiconError(f"{where}: role ends before it starts")
            code = role.get("code")
            if code is not None and not re.fullmatch(r"[A-Z]{3,12}", str(code)):
                raise LexiconError(f"{where}: a role's code is 3 to 12 capital letters")
            roles.append(
                Role(
                    country=_country(role.get("country"), where),
                    sector=_sector(role.get("sector"), where),
                    start=start,
                    end=end,
                    title=role.get("title"),
                    code=code,  # an organisation's own code for its officials ("IGOWSTNAT")
                )
            )
        other = item.get("otherwise")
        otherwise = (
            Role(country=_country(other.get("country"), where), sector=_sector(other.get("sector"), where))
            if isinstance(other, dict)
            else None
        )
        gender = item.get("gender")
        if gender not in (None, "m", "f"):
            raise LexiconError(f"{where}: gender must be m or f")
        titles = tuple(str(t) for t in item.get("titles") or [])
        person = Person(name=str(item["name"]), gender=gender, roles=tuple(roles), otherwise=otherwise, titles=titles)
        for phrase in [item["name"], *(item.get("aliases") or [])]:
            lexicon.add(str(phrase), Entry(kind="person", name=person.name, person=person))
        for title in titles:
            lexicon.add(title, Entry(kind="person_title", name=person.name, person=person))


# --- PETRARCH / TABARI dictionaries -------------------------------------------------------

_CODE = re.compile(r"\[([^\]]+)\]")


def _petrarch_date(text: str) -> Date:
    """A PETRARCH date: YYMMDD (years up to 30 are 20xx) or YYYYMMDD. Seven digits, a typo
    real dictionaries hold (`9008223`), are read as YYYYMMD when that is a date, else as the
    YYMMDD of their first six digits."""
    text = text.strip()
    if not text.isdigit():
        raise ValueError(f"date {text!r} is not a number")
    if len(text) == 6:
        year = int(text[:2])
        year += 1900 if year > 30 else 2000
        return Date(year, int(text[2:4]), int(text[4:6]))
    if len(text) == 8:
        return Date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    if len(text) == 7:
        try:
            return Date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            return _petrarch_date(text[:6])
    raise ValueError(f"date {text!r} has {len(text)} digits, not 6 or 8")


def _petrarch_role(spec: str) -> Role:
    """`CODE`, `CODE >D` (from D), `CODE <D` (until D) or `CODE D-D`, spaces allowed around the
    signs (`HOB < 950601`, `19950601 - 19990815`)."""
    code, _, span = spec.strip().partition(" ")
    code = code.lstrip("~")
    span = "".join(span.split())
    start = end = None
    if span.startswith(">"):
        start = _petrarch_date(span[1:])
    elif span.startswith("<"):
        end = _petrarch_date(span[1:])
    elif "-" in span:
        a, b = span.split("-", 1)
        start, end = _petrarch_date(a), _petrarch_date(b)
        if end < start:
            raise ValueError(f"role ends ({b}) before it starts ({a})")
    elif span:
        raise ValueError(f"date range {span!r} is not >DATE, <DATE or DATE-DATE")
    country = code[:3] or None
    sector = code[3:6] if code[3:6] in SECTORS else None
    return Role(country=country, sector=sector, start=start, end=end, code=code)


def _skipped(path: Path, number: int, raw: str, reason: object, problems: list[str] | None) -> None:
    """An unreadable dictionary line: said once (file:line and why), then skipped."""
    message = f"{path}:{number}: skipped {raw.strip()[:80]!r} ({reason})"
    if problems is not None:
        problems.append(message)
    LOG.warning(message)


def _petrarch_phrase(token: str) -> str:
    return token.strip().rstrip("_").replace("_", " ").strip()


def load_petrarch_actors(lexicon: ActorLexicon, path: Path, problems: list[str] | None = None) -> int:
    """Named actors from a PETRARCH/TABARI `.actors` file; returns the number of actors read.

    A line that cannot be read is logged (file:line and the reason), added to `problems`, and
    skipped; the rest of the file loads."""
    count = 0
    names: list[str] = []
    roles: list[Role] = []

    def flush() -> None:
        nonlocal count
        if names and roles:
            dated = tuple(r for r in roles if r.start or r.end)
            plain = [r for r in roles if not (r.start or r.end)]
            person = Person(name=names[0].title(), gender=None, roles=dated or tuple(plain[:1]), otherwise=plain[-1] if plain else None)
            for name in names:
                lexicon.add(name, Entry(kind="person", name=person.name, person=person))
            count += 1

    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        try:
            if line[0] in " \t" and line.strip().startswith("["):
                roles.extend(_petrarch_role(m) for m in _CODE.findall(line))
                continue
            if line.startswith("+"):
                names.append(_petrarch_phrase(_CODE.sub("", line[1:])))
                roles.extend(_petrarch_role(m) for m in _CODE.findall(line))
                continue
            flush()
            names, roles = [_petrarch_phrase(_CODE.sub("", line))], []
            roles = [_petrarch_role(m) for m in _CODE.findall(line)]
        except (ValueError, IndexError) as err:
            _skipped(path, number, raw, err, problems)
    flush()
    return count


def load_petrarch_agents(lexicon: ActorLexicon, path: Path, problems: list[str] | None = None) -> int:
    """Sector nouns from a PETRARCH agents file (`NOUN_ [~GOV]`); returns the number read.
    Unreadable lines are skipped as in `load_petrarch_actors`."""
    substitutions: dict[str, list[str]] = {}
    count = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, _, values = line.partition("=")
            substitutions[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        sector = codes[0].lstrip("~")[:3]
        if sector not in SECTORS:
            continue
        body = _CODE.sub("", line)
        plurals = re.findall(r"\{([^}]*)\}", body)
        body = re.sub(r"\{[^}]*\}", "", body).strip()
        variants = [body]
        for name, values in substitutions.items():
            if name in body:
                # "HERDS!PERSON!" is HERDSMAN, HERDSMEN, ...: the set's words are glued on
                variants = [v.replace(name, value) for v in variants for value in values]
        try:
            for variant in variants + [p for p in plurals if p]:
                phrase = _petrarch_phrase(variant).lower()
                if phrase:
                    entry = Entry(kind="sector", name=phrase, sector=sector)
                    lexicon.add(phrase, entry)
                    if not phrase.endswith(("s", "men")):
                        lexicon.add(plural(phrase), entry)
                    count += 1
        except ValueError as err:
            _skipped(path, number, raw, err, problems)
    return count


def load_lexicon(actors: Iterable[Path] = (), agents: Iterable[Path] = ()) -> ActorLexicon:
    """The shipped dictionaries, plus a user's PETRARCH actor and agent files on top."""
    lexicon = ActorLexicon()
    load_countries(lexicon, _read_yaml("countries.yaml"))
    load_orgs(lexicon, _read_yaml("igos.yaml"))
    load_sectors(lexicon, _read_yaml("sectors.yaml"))
    load_people(lexicon, _read_yaml("people.yaml"))
    load_loaded_names(lexicon, _read_yaml("loaded_names.yaml"))
    for path in agents:
        _user_file(load_petrarch_agents, lexicon, Path(path), "agents")
    for path in actors:
        _user_file(load_petrarch_actors, lexicon, Path(path), "actors")
    # The compiled knowledge base comes last: the hand tables take precedence over it (imported
    # here: knowledge.py builds on this module's loaders).
    from tacitus.actors.knowledge import load_knowledge

    lexicon.knowledge = load_knowledge(lexicon)
    return lexicon


def _user_file(loader, lexicon: ActorLexicon, path: Path, what: str) -> None:
    """Load one user dictionary; an unreadable file is a LexiconError naming it, and a summary
    line counts what was read and what was skipped."""
    problems: list[str] = []
    try:
        count = loader(lexicon, path, problems)
    except OSError as err:
        raise LexiconError(f"{path}: cannot read dictionary ({err.strerror or err})") from err
    if problems:
        LOG.warning(f"{path}: {count:,} {what} read, {len(problems):,} unreadable line(s) skipped")

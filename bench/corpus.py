"""A deterministic generator of news-like articles for benchmarks (all text written for tacitus).

Each article mixes sentences that carry political events (meetings, threats, attacks, arrests,
aid, statements) with the background prose real wire copy is full of (economy, history,
weather, quotes with no event), so a benchmark sees both what must be parsed and what need not.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("Iran", "Iranian", "Tehran"), ("Turkey", "Turkish", "Ankara"), ("Egypt", "Egyptian", "Cairo"),
    ("Kenya", "Kenyan", "Nairobi"), ("Colombia", "Colombian", "Bogota"), ("Mexico", "Mexican", "Mexico City"),
    ("Ukraine", "Ukrainian", "Kyiv"), ("Russia", "Russian", "Moscow"), ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"), ("Nigeria", "Nigerian", "Abuja"), ("Brazil", "Brazilian", "Brasilia"),
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Japan", "Japanese", "Tokyo"),
    ("Israel", "Israeli", "Jerusalem"), ("Syria", "Syrian", "Damascus"), ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Venezuela", "Venezuelan", "Caracas"), ("Peru", "Peruvian", "Lima"),
]
GROUPS = ["troops", "police", "rebels", "protesters", "lawmakers", "officials", "prosecutors", "soldiers", "militants", "journalists"]
TITLES = ["foreign minister", "defence minister", "interior minister", "president", "prime minister", "army chief", "police chief"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend", "last week", "earlier this month"]
GOODS = ["coffee", "oil", "wheat", "copper", "gold", "soybean", "cotton", "gas"]

EVENT_TEMPLATES = [
    "{A_adj} {title} met his {B_adj} counterpart in {B_cap} {day} to discuss border security.",
    "{A} and {B} signed an agreement {day} to expand trade and share intelligence on smuggling networks.",
    "{A_adj} {group} arrested {n} people suspected of belonging to a drug trafficking ring {day}.",
    "{A_adj} troops clashed with {B_adj} forces near the border {day}, leaving {n} soldiers dead.",
    "The {A_adj} government condemned the attack and accused {B} of supporting armed groups.",
    "{A_cap} threatened to impose sanctions on {B} if the violence continued.",
    "{A_adj} police fired tear gas to disperse hundreds of protesters in {A_cap} {day}.",
    "Thousands of {A_adj} protesters marched through {A_cap} {day} to demand the resignation of the {title}.",
    "The {A_adj} {title} said the country would send humanitarian aid to {B} within days.",
    "{A} recalled its ambassador from {B_cap} after the incident, the foreign ministry said.",
    "Gunmen ambushed a police patrol in the north of {A} {day}, killing {n} officers.",
    "{A_adj} prosecutors opened an investigation into the killing of a local journalist.",
    "The {A_adj} {title} praised {B}'s role in the negotiations and called for calm.",
    "{A_adj} warplanes bombed rebel positions in the east of the country {day}.",
    "\"We will not accept any interference in our internal affairs,\" the {A_adj} {title} told reporters.",
    "{A} rejected the proposal and refused to resume talks with {B}.",
    "{A_adj} authorities released {n} prisoners {day} as part of a deal brokered by {C}.",
    "The {A_adj} army deployed additional troops along its frontier with {B}.",
    "{A_adj} rebels kidnapped {n} aid workers on the road to the capital, officials said.",
    "The {A_adj} {title} urged {B} to withdraw its forces and return to the negotiating table.",
]
BACKGROUND_TEMPLATES = [
    "The price of {good} rose {n} percent over the past year, according to figures from the central bank.",
    "Heavy rains are expected across much of the region {day}, forecasters said.",
    "The area has long been a corridor for contraband moving between the coast and the highlands.",
    "Inflation stood at {n}.{m} percent in {month}, slightly below analysts' expectations.",
    "The city of {A_cap} has a population of more than {n} million people.",
    "Local markets reopened after a national holiday that lasted {n} days.",
    "Tourism revenue has recovered since the pandemic, with hotel occupancy near pre-crisis levels.",
    "The river that marks part of the frontier floods almost every rainy season.",
    "Exports of {good} account for roughly a fifth of the country's foreign earnings.",
    "A new highway linking the port to the interior is scheduled to open next year.",
    "The region produces most of the country's {good}, much of it for export.",
    "Schools in the province will remain closed until the end of the month.",
    "The stock index closed {n} points higher, led by mining and energy shares.",
    "The conflict dates back several decades and has displaced hundreds of thousands of people.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def article(rng: random.Random, number: int) -> dict:
    a, b, c = rng.sample(COUNTRIES, 3)
    slots = {
        "A": a[0], "A_adj": a[1], "A_cap": a[2], "B": b[0], "B_adj": b[1], "B_cap": b[2], "C": c[0],
    }
    sentences = []
    for _ in range(rng.randint(12, 20)):
        pool = EVENT_TEMPLATES if rng.random() < 0.45 else BACKGROUND_TEMPLATES
        template = rng.choice(pool)
        fill = dict(slots, title=rng.choice(TITLES), group=rng.choice(GROUPS), day=rng.choice(DAYS),
                    n=rng.randint(2, 40), m=rng.randint(0, 9), good=rng.choice(GOODS), month=rng.choice(MONTHS))
        sentences.append(template.format(**fill))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    day = date(2024, 1, 1) + timedelta(days=number % 365)
    return {
        "id": f"bench-{number:05d}",
        "date": day.isoformat(),
        "title": f"{a[1]} officials and {b[0]} trade accusations over border",
        "text": "\n\n".join(paragraphs),
    }


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [article(rng, i) for i in range(count)]


def write(path: Path, count: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in generate(count, seed):
            out.write(json.dumps(record) + "\n")
    return path

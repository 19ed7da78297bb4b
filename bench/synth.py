"""Deterministic synthetic news archives for the benchmark and the scale test.

``make_archive(folder, n, pair, seed)`` writes ``n`` wire-style articles on one
country pair: datelines, agency boilerplate repeated in every article of an
agency, image captions printed twice, trade figures per year over three
decades that agree across articles (written in several number formats), a
few partial periods, a few conflicting figures, anniversaries, and security,
cultural and history facts restated in paraphrase by many articles.

The facts are invented; the countries, capitals and currencies are real (read
from briefing's country data), so any pair can be chosen.  Same arguments,
same bytes: the archive depends only on ``n``, ``pair`` and ``seed``.

    python bench/synth.py OUT_DIR N [--pair Chile,Peru] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.months import MONTH_NAMES as MONTHS  # noqa: E402

AGENCIES = ("PNW", "ANDA", "SRP")
FIRST_YEAR, LAST_YEAR = 1994, 2023  # trade figures: three decades
SPAN = (date(1995, 1, 10), date(2024, 12, 20))


def _pair_data(pair: tuple[str, str]) -> dict:
    from briefing.countries import country

    a, b = (country(name) for name in pair)
    if a is None or b is None:
        raise SystemExit(f"unknown country in {pair}")
    return {"A": a.name, "B": b.name, "adjA": a.adjective, "adjB": b.adjective, "capA": a.capital, "capB": b.capital}


def trade_series(rng: random.Random) -> dict[int, tuple[float, float]]:
    """A's exports to and imports from B per year, in billions with one decimal: a noisy growth path."""
    series, exp, imp = {}, 0.6, 0.8
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        exp *= 1 + rng.uniform(-0.06, 0.14)
        imp *= 1 + rng.uniform(-0.05, 0.12)
        if year in (2009, 2020):
            exp, imp = exp * 0.82, imp * 0.85
        series[year] = (round(exp, 1), round(imp, 1))
    return series


def _money(billions: float, style: int) -> str:
    """One amount in one of the formats wire copy uses; every style is the same value."""
    millions = int(round(billions * 1000))
    return (
        f"US$ {billions:.1f} billion",
        f"${billions:.1f}bn",
        f"USD {millions:,} million",
        f"{billions:.1f} billion dollars",
    )[style % 4]


# Facts restated across the archive: each has several wordings with the same content.
SECURITY = [
    (
        "The defence ministers of {A} and {B} agreed to hold joint naval exercises off the Pacific coast every {season}.",
        "{A} and {B} will stage joint naval drills off their Pacific coast each {season}, their defence ministers agreed.",
        "Joint naval exercises off the Pacific coast are to be held every {season}, the two defence ministers agreed.",
    ),
    (
        "Police forces of both countries signed a protocol to fight drug trafficking along the {border} border crossing.",
        "A protocol against drug trafficking at the {border} border crossing was signed by the police of both countries.",
        "The police of {A} and {B} signed a protocol on drug trafficking at the {border} crossing.",
    ),
    (
        "{A} and {B} set up a joint working group on cyber security and the protection of critical infrastructure.",
        "A joint working group on cyber security and critical infrastructure was set up by {A} and {B}.",
        "The two governments created a joint working group to protect critical infrastructure from cyber attacks.",
    ),
    (
        "Border guards from {A} and {B} seized record quantities of smuggled goods in a joint operation in the {region} region.",
        "A joint operation of {adjA} and {adjB} border guards in the {region} region seized record quantities of smuggled goods.",
        "In the {region} region, a joint border guard operation seized record amounts of smuggled goods.",
    ),
    (
        "Military officers from {B} will train at the {adjA} army's mountain warfare school under a new exchange programme.",
        "Under a new exchange programme, {adjB} military officers are to train at {A}'s mountain warfare school.",
        "{A} opened its mountain warfare school to {adjB} officers through a military exchange programme.",
    ),
]
CULTURE = [
    (
        "More than {k} thousand {adjB} students are enrolled at universities in {A}, according to the education ministry.",
        "Universities in {A} have more than {k} thousand students from {B}, the education ministry says.",
        "According to the education ministry, over {k} thousand students from {B} study at {adjA} universities.",
    ),
    (
        "The {festival} festival in {capA} this year features theatre companies and musicians from {B}.",
        "Theatre companies and musicians from {B} take part in this year's {festival} festival in {capA}.",
        "This year the {festival} festival in {capA} hosts {adjB} musicians and theatre groups.",
    ),
    (
        "Tourist arrivals from {B} to {A} rose sharply after the visa requirement was lifted for short stays.",
        "Since short-stay visas were abolished, the number of {adjB} tourists visiting {A} has risen sharply.",
        "The lifting of visas for short stays led to a sharp rise in tourists from {B} travelling to {A}.",
    ),
    (
        "A joint museum exhibition on pre-Columbian textiles opened in {capB} with pieces lent by {adjA} collections.",
        "Pieces lent by {adjA} collections feature in a joint exhibition of pre-Columbian textiles that opened in {capB}.",
        "{capB} is hosting a joint exhibition of pre-Columbian textiles, with pieces from {adjA} museums.",
    ),
    (
        "About {k} thousand citizens of {B} live in {A}, forming one of the largest diaspora communities in the country.",
        "Some {k} thousand {adjB} citizens live in {A}, one of its biggest diaspora communities.",
        "The {adjB} diaspora in {A} numbers about {k} thousand citizens, one of the largest in the country.",
    ),
]
HISTORY = [
    (
        "{A} and {B} signed a treaty settling their maritime boundary in {y}.",
        "In {y}, the two countries signed a treaty that settled the maritime boundary between {A} and {B}.",
        "The maritime boundary treaty between {A} and {B} was signed in {y}.",
    ),
    (
        "The presidents of {A} and {B} met in {capB} in {y} and launched a strategic partnership.",
        "A strategic partnership was launched in {y} when the presidents of {A} and {B} met in {capB}.",
        "In {y} the two presidents held a summit in {capB} and agreed a strategic partnership.",
    ),
    (
        "A free trade agreement between {A} and {B} entered into force in {y}.",
        "The free trade agreement between {A} and {B} has been in force since {y}.",
        "In {y} the free trade agreement between the two countries entered into force.",
    ),
    (
        "The foreign ministers of both countries signed a memorandum on political consultations in {y}.",
        "In {y}, a memorandum on political consultations was signed by the two foreign ministers.",
        "A memorandum on regular political consultations was signed by both foreign ministries in {y}.",
    ),
]
BOILERPLATE = {
    "PNW": "Pacific News Wire is an independent agency covering politics and business on the Pacific coast of "
    "South America. Reproduction without written permission is prohibited.",
    "ANDA": "ANDA reports on the Andean region for subscribers in twelve countries. All rights reserved; "
    "quotations must name ANDA as the source.",
    "SRP": "This dispatch is distributed by the Southern Regional Press service to member newspapers. "
    "Corrections are published on the service's website.",
}
FILLER = (
    "Officials on both sides described the talks as constructive and said working groups would meet again before the end of the year.",
    "Business associations welcomed the announcement and called for faster customs procedures at the main border crossings.",
    "Analysts said the outcome reflected the steady improvement in relations over the past decade.",
    "The ministry did not give further details.",
    "Opposition lawmakers asked the government to publish the full text of the agreements.",
)


def _fill(template: str, ctx: dict, rng: random.Random) -> str:
    return template.format(
        season=rng.choice(("spring", "autumn")),
        border=ctx["border"],
        region=ctx["region"],
        festival=ctx["festival"],
        k=ctx["k"],
        **ctx["names"],
        y="{y}",
    )


def _trade_paragraph(rng: random.Random, ctx: dict, series: dict, today: date, conflict: bool) -> list[str]:
    n = ctx["names"]
    year = rng.randint(max(FIRST_YEAR, today.year - 6), min(LAST_YEAR, today.year - 1))
    exp, imp = series[year]
    total = round(exp + imp, 1)
    if conflict:
        total = round(total * rng.choice((0.93, 1.08)), 1)
    s = rng.randrange(4)
    pick = rng.randrange(3)
    first = (
        f"Trade between {n['A']} and {n['B']} reached {_money(total, s)} in {year}, official figures show.",
        f"Bilateral trade between {n['A']} and {n['B']} totalled {_money(total, s)} in {year}.",
        f"In {year}, trade between {n['B']} and {n['A']} amounted to {_money(total, s)}.",
    )[pick]
    out = [first]
    if rng.random() < 0.7:
        out.append(
            f"{n['adjA']} exports to {n['B']} came to {_money(exp, s + 1)} in {year}, while imports from "
            f"{n['B']} were {_money(imp, s + 2)}."
        )
    if rng.random() < 0.3 and year < LAST_YEAR:
        k = rng.choice((4, 6, 9))
        part = round((series[year + 1][0] + series[year + 1][1]) * k / 12 * 1.02, 1)
        out.append(
            f"In the first {('four', 'six', 'nine')[(4, 6, 9).index(k)]} months of {year + 1}, trade "
            f"between the two countries totalled {_money(part, s)}."
        )
    return [" ".join(out)]


def _anniversary(rng: random.Random, ctx: dict, today: date) -> str:
    n = ctx["names"]
    est = ctx["established"]
    years = today.year - est.year
    if years < 2:
        return ""
    suffix = "th" if 10 <= years % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(years % 10, "th")
    return (
        f"{n['A']} and {n['B']} are marking the {years}{suffix} anniversary of diplomatic relations, "
        f"established on {est.day} {MONTHS[est.month - 1]} {est.year}."
    )


def article(i: int, rng: random.Random, ctx: dict, series: dict) -> tuple[str, str]:
    """Return (file name, text) of article ``i``."""
    n = ctx["names"]
    days = (SPAN[1] - SPAN[0]).days
    today = SPAN[0] + timedelta(days=rng.randrange(days))
    agency = rng.choice(AGENCIES)
    place = rng.choice((n["capA"], n["capB"], f"{n['capA']}/{n['capB']}"))
    paras: list[str] = []
    kinds = rng.sample(("trade", "security", "culture", "history", "anniversary"), k=rng.randint(2, 4))
    for kind in kinds:
        if kind == "trade" and today.year > FIRST_YEAR + 1:
            paras += _trade_paragraph(rng, ctx, series, today, conflict=rng.random() < 0.004)
        elif kind == "anniversary" and today >= date(ctx["established"].year + 2, 1, 1):
            paras.append(_anniversary(rng, ctx, today))
        elif kind == "history":
            k = rng.randrange(len(HISTORY))
            paras.append(_fill(rng.choice(HISTORY[k]), ctx, rng).replace("{y}", str(ctx["history_years"][k])))
        elif kind in ("security", "culture"):
            pool = SECURITY if kind == "security" else CULTURE
            facts = rng.sample(range(len(pool)), k=2)
            paras.append(" ".join(_fill(rng.choice(pool[f]), ctx, rng) for f in facts))
    paras = [p for p in paras if p]
    if not paras:
        paras = [f"Officials of {n['A']} and {n['B']} met for talks on cooperation."]
    paras.insert(2 if len(paras) > 2 else len(paras), rng.choice(FILLER) + " " + rng.choice(FILLER))
    caption = f"Delegations of {n['A']} and {n['B']} in {rng.choice((n['capA'], n['capB']))} ({agency} archive)"
    if rng.random() < 0.5:
        paras.insert(1, caption + "\n" + caption)
    dateline = f"{place}, {today.day} {MONTHS[today.month - 1]} {today.year} ({agency}): "
    body = dateline + "\n\n".join(paras) + "\n\n" + BOILERPLATE[agency] + "\n"
    name = f"{today.isoformat()}_{i:05d}.txt"
    return name, body


def make_archive(folder: Path, n: int, pair: tuple[str, str] = ("Chile", "Peru"), seed: int = 1) -> list[Path]:
    """Write ``n`` articles into ``folder`` (created; existing .txt files removed) and return their paths."""
    rng = random.Random(f"{seed}:{pair[0]}:{pair[1]}")
    names = _pair_data(pair)
    ctx = {
        "names": names,
        "border": rng.choice(("northern", "southern", "coastal")),
        "region": rng.choice(("highland", "desert", "coastal")),
        "festival": rng.choice(("Andes", "Pacific", "Harvest")),
        "k": rng.randint(8, 40),
        "established": date(rng.randint(1930, 1975), rng.randint(1, 12), rng.randint(1, 28)),
        "history_years": [rng.randint(1980, 2015) for _ in HISTORY],
    }
    series = trade_series(rng)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    paths = []
    for i in range(n):
        name, text = article(i, rng, ctx, series)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--pair", default="Chile,Peru", help="two countries, comma-separated")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    pair = tuple(p.strip() for p in args.pair.split(","))
    if len(pair) != 2:
        ap.error("--pair needs two countries")
    make_archive(args.folder, args.n, pair, args.seed)


if __name__ == "__main__":
    main()

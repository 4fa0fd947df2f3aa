"""Screens per second and recall of tracewire's Screener beside nomenklatura's logic-v2.

Usage: python benchmarks/screening.py [SDN_CSV] [--entries N] [--seed S] [--unlisted N]
                                      [--no-logic-v2]

Both sides screen against the whole real OFAC SDN list (primary names and the aliases in
its remarks), pinned to one CPU core; index building is not timed.

* tracewire: `Screener(lst).screen(name, schema)`, top 5, hit = any flagged level
  (`listed`, `related`, `possible`: score >= 0.8 after the precision rules).
* logic-v2: the SDN entries as FtM entities (`name`, `alias`) in a nomenklatura
  `MemoryStore`; candidates from nomenklatura's own DuckDB blocking `Index`
  (`match_entities`, its default 75 candidates per query, run as one batch, which is the
  cheapest way to use it); each candidate scored with `LogicV2.compare`; top 5 by score,
  hit = score >= 0.7 (the default threshold of the OpenSanctions matching API).

False hits are counted on 256 real names not on the list (companies, people, countries)
and `--unlisted` made-up ones (invented company names, people pairing given and family
names anew); a flag of any level on them is a false hit.

Recall is measured on name variants generated from randomly drawn real entries: case
changes, person name order, transliteration substitutions (ph/f, ou/u, y/i, ...),
dropped legal forms, one-character typos and, for names of three or more words, a
missing word. A variant counts as found when its source entry is a hit among the top 5.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rigour.names import extract_org_types

try:  # the comparison side is optional: `pip install nomenklatura followthemoney`
    from followthemoney import Dataset, StatementEntity
    from nomenklatura.blocker import Index
    from nomenklatura.matching import LogicV2, ScoringConfig
    from nomenklatura.resolver import Linker
    from nomenklatura.store import MemoryStore

    HAVE_NOMENKLATURA = True
except ImportError:
    HAVE_NOMENKLATURA = False

from tracewire.screen import VERSION, SanctionsEntry, SanctionsList, Screener, read_ofac_csv

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SDN = ROOT.parent / "shared" / "data" / "ofac" / "sdn-2024-05-03.csv"
LOGIC_V2_THRESHOLD = 0.7
TOP = 5

CLEAN_COMPANIES = """Hikvision|Hangzhou Hikvision Digital Technology Co., Ltd.|Dahua Technology|
Zhejiang Dahua Technology Co Ltd|Huawei Technologies Co., Ltd.|Tiandy Technologies|IPVM|
ZTE Corporation|Uniview Technologies|SenseTime Group Limited|Megvii Technology|Yitu Technology|
CloudWalk Technology|iFlytek Co., Ltd.|Hanwha Vision|Axis Communications AB|Bosch Security Systems|
Avigilon Corporation|Motorola Solutions Inc|Genetec Inc.|Milestone Systems A/S|Verint Systems Inc|
Cognyte Software Ltd|NICE Systems|Cellebrite DI Ltd|Magnet Forensics|Grayshift LLC|NSO Group|
Candiru Ltd|Intellexa Alliance|FinFisher GmbH|Gamma International|Hacking Team S.r.l.|
Memento Labs|Paragon Solutions|Palantir Technologies Inc.|Clearview AI Inc|Idemia Group|
Thales Group|Airbus Defence and Space|Leonardo S.p.A.|Elbit Systems Ltd|Rafael Advanced Defense
Systems|Israel Aerospace Industries|Sandvine Incorporated|Procera Networks|Blue Coat Systems|
Amesys|Nexa Technologies|Area SpA|Trovicor GmbH|Utimaco GmbH|Rohde & Schwarz GmbH & Co KG|
Ericsson AB|Nokia Networks|Cisco Systems, Inc.|Juniper Networks|Fortinet Inc|Check Point
Software Technologies|Kaspersky Lab|Group-IB|Protei Ltd|
Citadel Group|Speech Technology Center|NtechLab|VisionLabs|Ростелеком|Yandex N.V.|
Mail.ru Group|Siemens AG|Deutsche Telekom AG|Vodafone Group plc|Orange S.A.|Telefonica S.A.|
BAE Systems plc|Lockheed Martin Corporation|Raytheon Technologies|Northrop Grumman|
General Dynamics|L3Harris Technologies|Booz Allen Hamilton|Accenture plc|IBM Corporation|
Microsoft Corporation|Amazon Web Services|Google LLC|Meta Platforms Inc|Apple Inc.|
Samsung Electronics Co., Ltd.|LG Electronics|Sony Group Corporation|Panasonic Holdings|
Toshiba Corporation|NEC Corporation|Fujitsu Limited|Hitachi Ltd|Tata Consultancy Services|
Infosys Limited|Wipro Limited|Reliance Jio Infocomm|Bharti Airtel|Safaricom PLC|MTN Group|
Etisalat|Ooredoo|Turkcell|Emirates Telecommunications Group|DarkMatter Group|Pegasus Holdings
Ltd|Stark Industries|Acme Trading Company|Global Logistics Ltd|Sunrise Electronics Co.|
Blue Ocean Shipping|Northern Star Holdings|Green Valley Farms|Golden Gate Imports LLC|
Silverline Technologies|Red River Consulting|Atlas Engineering GmbH|Orion Software|
Phoenix Analytics|Nordic Data AB|Pacific Rim Trading|Alpine Security AG|Delta Surveillance Ltd|
Omega Vision Systems|Sentinel Labs|Aurora Networks|Meridian Communications|Horizon Telecom|
Vertex Solutions|Summit Holdings plc|Keystone Industries|Liberty Partners|Crescent Oil Services|
Eagle Eye Networks|Verkada Inc|Flock Safety|ShotSpotter|Axon Enterprise|Briefcam|AnyVision|
Oosto|Corsight AI|Herta Security|Idemia Identity & Security|Innovatrics|Neurotechnology|
Cognitec Systems|Veridas|Ipsotek|Vaion|Wisenet|Uniview|Kedacom|Netposa|Sugon|Inspur Group|
Tencent Holdings|Alibaba Group|Baidu Inc|China Mobile|China Telecom|China Unicom|Xiaomi|Lenovo"""
CLEAN_PEOPLE = """John Smith|Maria Garcia|Li Na|Mohamed Salah|Anna Schmidt|James Brown|
Olga Ivanova|Pierre Dubois|Giulia Rossi|Kenji Tanaka|Ana Souza|David Cohen|Fatima Zahra|
Carlos Mendoza|Emily Johnson|Hans Mueller|Sofia Petrova|Ahmed Hassan|Priya Sharma|Chen Jie|
Lars Nilsson|Jan Kowalski|Elena Popescu|Michael O'Brien|Sarah Williams|Tomasz Nowak|
Isabel Fernandez|Yusuf Demir|Aisha Bello|Robert Miller|Laura Martin|Daniel Kim|Nguyen Van An|
Ravi Kumar|Lucia Lopez|Peter Novak|Eva Horvath|Omar Farouk|Leila Karimi|Samuel Okafor|
Grace Mwangi|Thomas Anderson|Jessica Taylor|Marco Bianchi|Claire Lefebvre|Mikhail Sokolov|
Natalia Romanova|Benjamin Lee|Hannah Fischer|Diego Alvarez|Chloe Moreau|Arjun Patel|
Mei Ling|Kwame Mensah|Zeynep Yilmaz|Ali Rezaei|Sara Ahmadi|Reza Tehrani|Tim Cook"""
CLEAN_COUNTRIES = """China|Iran|United States|People's Republic of China|Islamic Republic of Iran|
Russia|Russian Federation|North Korea|Syria|Venezuela|Cuba|Belarus|Myanmar|Israel|Germany|
France|United Kingdom|Italy|Spain|Turkey|Egypt|Saudi Arabia|United Arab Emirates|Pakistan|
India|Brazil|Mexico|Ethiopia|Uganda|Kenya"""


def split(block: str) -> list[str]:
    return [name.strip() for name in block.replace("\n", "").split("|") if name.strip()]


TRANSLIT = [
    ("ph", "f"),
    ("f", "ph"),
    ("ou", "u"),
    ("u", "ou"),
    ("y", "i"),
    ("i", "y"),
    ("kh", "h"),
    ("ee", "i"),
    ("oo", "u"),
    ("sh", "sch"),
    ("c", "k"),
    ("k", "c"),
    ("j", "dj"),
    ("ie", "i"),
    ("ai", "ay"),
    ("w", "v"),
    ("v", "w"),
    ("q", "k"),
]


def translit(entry: SanctionsEntry, name: str, rng: random.Random) -> str | None:
    options = [(a, b, m.start()) for a, b in TRANSLIT for m in re.finditer(a, name, re.IGNORECASE)]
    if not options:
        return None
    a, b, pos = rng.choice(options)
    found = name[pos : pos + len(a)]
    return name[:pos] + (b.upper() if found.isupper() else b) + name[pos + len(a) :]


def typo(entry: SanctionsEntry, name: str, rng: random.Random) -> str | None:
    words = [i for i, w in enumerate(name.split()) if sum(c.isalpha() for c in w) >= 4]
    if not words:
        return None
    parts = name.split()
    i = rng.choice(words)
    word = parts[i]
    pos = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    letter = letter.upper() if word.isupper() else letter
    kind = rng.choice(["sub", "del", "ins", "swap"])
    if kind == "sub":
        word = word[:pos] + letter + word[pos + 1 :]
    elif kind == "del":
        word = word[:pos] + word[pos + 1 :]
    elif kind == "ins":
        word = word[:pos] + letter + word[pos:]
    elif pos < len(word) - 1:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    parts[i] = word
    return " ".join(parts)


def reorder(entry: SanctionsEntry, name: str, rng: random.Random) -> str | None:
    if entry.schema != "Person":
        return None
    if "," in name:
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}"
    parts = name.split()
    return " ".join(parts[1:] + parts[:1]) if len(parts) > 1 else None


def drop_legal(entry: SanctionsEntry, name: str, rng: random.Random) -> str | None:
    if entry.schema == "Person":
        return None
    found = extract_org_types(name.casefold())
    if not found:
        return None
    out = name
    for text, _ in found:
        out = re.sub(re.escape(text), " ", out, flags=re.IGNORECASE)
    out = " ".join(out.replace(" ,", ",").split()).strip(" ,")
    return out if out and out != name else None


def drop_word(entry: SanctionsEntry, name: str, rng: random.Random) -> str | None:
    parts = name.replace(",", " ").split()
    if len(parts) < 3:
        return None
    del parts[rng.randrange(len(parts))]
    return " ".join(parts)


def change_case(entry: SanctionsEntry, name: str, rng: random.Random) -> str | None:
    return name.title() if name.isupper() else name.upper()


Maker = Callable[[SanctionsEntry, str, random.Random], str | None]
MAKERS: dict[str, Maker] = {
    "case": change_case,
    "order": reorder,
    "translit": translit,
    "legal_form": drop_legal,
    "typo": typo,
    "missing_word": drop_word,
}


def make_variants(lst: SanctionsList, count: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(variant, schema, source entry id, kind) for `count` random entries."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str, str]] = []
    for entry in rng.sample(list(lst.entries), count):
        name = rng.choice(entry.names) if rng.random() < 0.2 else entry.name
        for kind, make in MAKERS.items():
            variant = make(entry, name, rng)
            if variant and (kind == "case" or variant.casefold() != name.casefold()):
                out.append((variant, entry.schema, entry.entry_id, kind))
    return out


def speed_names(
    lst: SanctionsList, variants: list[tuple[str, str, str, str]], seed: int
) -> list[tuple[str, str | None]]:
    rng = random.Random(seed + 1)
    real: list[tuple[str, str | None]] = [
        (e.name, e.schema) for e in rng.sample(list(lst.entries), 450)
    ]
    varied: list[tuple[str, str | None]] = [(v, s) for v, s, _, _ in rng.sample(variants, 330)]
    clean: list[tuple[str, str | None]] = [(n, s) for n, s, _, _ in clean_probes()]
    names: list[tuple[str, str | None]] = [*real, *varied, *clean]
    names = names[:1000] + real[: max(0, 1000 - len(names))]
    rng.shuffle(names)
    return names


class Clock:
    """Wall-clock and CPU time since creation (CPU time is what one core spent)."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def rates(self, count: int) -> tuple[float, float]:
        """Per CPU-second and per wall-clock second."""
        cpu = time.process_time() - self.cpu
        wall = time.perf_counter() - self.wall
        return count / cpu, count / wall


def clean_probes() -> list[tuple[str, str, str, str]]:
    """Names not on the SDN list (companies, people, countries): any hit is a false hit."""
    probes = [(n, "Organization", "", "clean") for n in split(CLEAN_COMPANIES)]
    probes += [(n, "Person", "", "clean") for n in split(CLEAN_PEOPLE)]
    probes += [(n, "Organization", "", "clean") for n in split(CLEAN_COUNTRIES)]
    return probes


SYLLABLES = split("ka|ro|mi|ten|va|lor|qui|sel|dar|no|ve|tra|bel|os|fin|gra|zu|mar|tek|lin")
BUSINESS = split("Optics|Analytics|Networks|Trading|Logistics|Security|Systems|Labs|Holdings")
LEGAL = ["", " Ltd", " GmbH", " LLC", " S.A.", " AB"]


def generated_probes(lst: SanctionsList, count: int, seed: int) -> list[tuple[str, str, str, str]]:
    """`count` made-up names: invented company stems with a business word and legal form,
    and people pairing the given and family names of CLEAN_PEOPLE anew. A name whose words
    are those of a listed name is left out; any hit on the rest is a false hit."""
    rng = random.Random(seed + 2)
    listed = {frozenset(name.casefold().replace(",", " ").split()) for e in lst.entries
              for name in e.names}  # fmt: skip
    people = [name.split() for name in split(CLEAN_PEOPLE) if len(name.split()) == 2]
    probes: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    while len(probes) < count:
        if rng.random() < 0.5:
            stem = "".join(rng.sample(SYLLABLES, rng.choice((2, 3)))).capitalize()
            name = f"{stem} {rng.choice(BUSINESS)}{rng.choice(LEGAL)}"
            schema = "Organization"
        else:
            name = f"{rng.choice(people)[0]} {rng.choice(people)[1]}"
            schema = "Person"
        words = frozenset(name.casefold().replace(",", " ").split())
        if name in seen or words in listed:
            continue
        seen.add(name)
        probes.append((name, schema, "", "generated"))
    return probes


def run_tracewire(
    lst: SanctionsList,
    names: list[tuple[str, str | None]],
    variants: list[tuple[str, str, str, str]],
) -> tuple[tuple[float, float], list[bool], float]:
    started = time.perf_counter()
    screener = Screener(lst)
    build = time.perf_counter() - started
    for name, schema in names[:20]:
        screener.screen(name, schema)  # warm-up
    clock = Clock()
    for name, schema in names:
        screener.screen(name, schema, limit=TOP)
    rate = clock.rates(len(names))
    found = []
    for text, schema, source, _ in variants:
        matches = screener.screen(text, schema, limit=TOP)
        # For a clean probe (no source) any hit counts: a false hit.
        found.append(
            any(m.is_hit and m.entry.entry_id in (source or m.entry.entry_id) for m in matches)
        )
    return rate, found, build


FTM_SCHEMA = {
    "Person": "Person",
    "Organization": "Organization",
    "Vessel": "Vessel",
    "Aircraft": "Airplane",
}


def run_logic_v2(
    lst: SanctionsList,
    names: list[tuple[str, str | None]],
    variants: list[tuple[str, str, str, str]],
) -> tuple[tuple[float, float], list[bool], list[bool]]:
    if not HAVE_NOMENKLATURA:
        raise ImportError("nomenklatura is not installed")
    dataset = Dataset.make({"name": "us_ofac_sdn", "title": "OFAC SDN"})
    config = ScoringConfig(weights={}, config={k: v.default for k, v in LogicV2.CONFIG.items()})

    def entity(eid: str, schema: str, texts: tuple[str, ...]) -> Any:
        proxy = StatementEntity(dataset, {"id": eid, "schema": FTM_SCHEMA.get(schema, schema)})
        proxy.add("name", texts[0])
        for alias in texts[1:]:
            proxy.add("alias", alias)
        return proxy

    store: Any = MemoryStore(dataset, Linker({}))
    with store.writer() as writer:
        for e in lst.entries:
            writer.add_entity(entity(f"sdn-{e.entry_id}", e.schema, e.names))
    view = store.default_view()
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(view, Path(tmp))
        index.build()

        def screen_all(
            queries: list[tuple[str, str | None]], extra: list[str] | None = None
        ) -> tuple[list[list[str]], tuple[float, float]]:
            proxies = [
                entity(f"q{i}", s or "LegalEntity", (t,)) for i, (t, s) in enumerate(queries)
            ]
            clock = Clock()
            blocked = dict(index.match_entities(proxies))
            tops: list[list[str]] = []
            for i, proxy in enumerate(proxies):
                scored = []
                ids = [ident.id for ident, _ in blocked.get(proxy.id, [])]
                if extra is not None and extra[i] != "sdn-" and extra[i] not in ids:
                    ids.append(extra[i])
                for eid in ids:
                    result = view.get_entity(eid)
                    if result is None or not proxy.schema.can_match(result.schema):
                        continue
                    score = LogicV2.compare(proxy, result, config).score
                    scored.append((score, eid))
                scored.sort(reverse=True)
                tops.append([eid for score, eid in scored[:TOP] if score >= LOGIC_V2_THRESHOLD])
            return tops, clock.rates(len(queries))

        screen_all(names[:20])  # warm-up
        _, rate = screen_all(names)
        queries: list[tuple[str, str | None]] = [(t, s) for t, s, _, _ in variants]
        sources = [f"sdn-{source}" for _, _, source, _ in variants]
        tops, _ = screen_all(queries)
        oracle, _ = screen_all(queries, extra=sources)
        index.close()
    found = [bool(top) if s == "sdn-" else s in top for top, s in zip(tops, sources, strict=True)]
    found_oracle = [
        bool(top) if s == "sdn-" else s in top for top, s in zip(oracle, sources, strict=True)
    ]
    return rate, found, found_oracle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdn", nargs="?", type=Path, default=DEFAULT_SDN)
    parser.add_argument("--entries", type=int, default=300, help="entries to draw variants from")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-logic-v2", action="store_true")
    parser.add_argument(
        "--unlisted", type=int, default=1000, help="made-up unlisted names beside the real ones"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.environ.setdefault("NOMENKLATURA_DUCKDB_THREADS", "1")
    lst = read_ofac_csv(args.sdn)
    variants = make_variants(lst, args.entries, args.seed)
    names = speed_names(lst, variants, args.seed)
    probes = variants + clean_probes() + generated_probes(lst, args.unlisted, args.seed)
    print(
        f"list: {len(lst)} entries, {sum(len(e.names) for e in lst.entries)} names; "
        f"{len(names)} names timed; {len(variants)} variants of {args.entries} random entries; "
        f"{len(probes) - len(variants)} unlisted names"
    )
    rate, found, build = run_tracewire(lst, names, probes)
    print(
        f"tracewire-names v{VERSION}: {speed(rate)} (index build {build:.2f}s), "
        f"{summary(found, variants)}"
    )
    per_kind(probes, found, "tracewire")
    if args.no_logic_v2:
        return
    try:
        v2_rate, v2_found, v2_oracle = run_logic_v2(lst, names, probes)
    except ImportError as exc:
        print(f"logic-v2 not run: {exc}")
        return
    print(
        "logic-v2 (nomenklatura DuckDB Index.match_entities + LogicV2.compare): "
        f"{speed(v2_rate)}, {summary(v2_found, variants)}"
    )
    per_kind(probes, v2_found, "logic-v2")
    print(
        "logic-v2 scorer alone (source entry forced into its candidates): "
        f"{summary(v2_oracle, variants)}"
    )
    per_kind(probes, v2_oracle, "logic-v2 scorer alone")
    ours, theirs, alone = (recall(f, variants) for f in (found, v2_found, v2_oracle))
    print(
        f"ratio: speed x{rate[0] / v2_rate[0]:.1f}; recall {ours / theirs:.3f} of logic-v2's, "
        f"{ours / alone:.3f} of its scorer alone"
    )


def speed(rate: tuple[float, float]) -> str:
    return f"{rate[0]:,.0f} screens per CPU-second ({rate[1]:,.0f}/s wall clock)"


def recall(found: list[bool], variants: list[tuple[str, str, str, str]]) -> float:
    return sum(found[: len(variants)]) / len(variants)


def summary(found: list[bool], variants: list[tuple[str, str, str, str]]) -> str:
    clean = found[len(variants) :]
    return (
        f"recall {recall(found, variants):.4f}, "
        f"false hits on unlisted names {sum(clean)}/{len(clean)} "
        f"({1000 * sum(clean) / max(len(clean), 1):.1f} per 1,000)"
    )


def per_kind(variants: list[tuple[str, str, str, str]], found: list[bool], label: str) -> None:
    total = Counter(kind for _, _, _, kind in variants)
    hits = Counter(kind for (_, _, _, kind), ok in zip(variants, found, strict=True) if ok)
    print(
        f"  {label} by kind: "
        + ", ".join(
            f"{kind} {hits[kind] / total[kind]:.3f} (n={total[kind]})" for kind in sorted(total)
        )
    )


if __name__ == "__main__":
    main()

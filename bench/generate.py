"""Synthetic Vietnamese political news articles for benchmarks: officials named from the surname
lexicon and given/middle-name lists, units from the gazetteer (district with its province), Party
and State posts, congresses, plenums and council sessions with ordinals, terms and dates, among
fact-free sentences of the genre. Deterministic: the same seed gives the same corpus.

    python bench/generate.py --articles 1000 --out /tmp/corpus     # JSONL shards of 1000 articles
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI"]
TERMS = ("2015 - 2020", "2020 - 2025", "2025 - 2030")
COMMITTEE = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}
SHARD = 1000


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class District:
    name: str
    type: str
    province: str
    province_type: str

    @property
    def label(self) -> str:
        return f"{self.type} {self.name}"


@lru_cache(maxsize=1)
def _districts() -> list[District]:
    rows = [line.split("\t") for line in (ROOT / "data" / "gazetteer" / "units.tsv").read_text(
        encoding="utf-8").splitlines()[1:]]
    provinces = {r[0]: r for r in rows if r[3] == "province"}
    return [District(r[1], r[2], provinces[r[5]][1], provinces[r[5]][2]) for r in rows
            if r[3] == "district" and r[2] in COMMITTEE and r[5] in provinces]


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[str]]:
    return {"surnames": _lines(ROOT / "data" / "lexicons" / "surnames.txt"),
            "middle": _lines(DATA / "middle_names.txt"), "given": _lines(DATA / "given_names.txt"),
            "templates": _lines(DATA / "templates.txt"), "filler": _lines(DATA / "filler.txt")}


class Corpus:
    """Articles about a few officials per district, so people recur across articles as they do."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.vocab = _vocabulary()
        self.districts = _districts()

    def _person(self, rnd: random.Random) -> str:
        v = self.vocab
        return f"{rnd.choice(v['surnames'])} {rnd.choice(v['middle'])} {rnd.choice(v['given'])}"

    def _officials(self, district: District) -> tuple[str, str]:
        rnd = random.Random(f"{self.seed}/{district.province}/{district.name}")
        return self._person(rnd), self._person(rnd)

    def article(self, i: int, revision: int = 0) -> dict[str, str]:
        """Article number i (a JSONL record); another revision changes its text."""
        rnd = random.Random(f"{self.seed}/{i}/{revision}")
        d = rnd.choice(self.districts)
        person, person2 = self._officials(d)
        start = date(2015, 1, 1) + timedelta(days=rnd.randrange(3650))
        values = {
            "person": person, "person2": person2, "unit": d.label, "name": d.name,
            "committee": f"{COMMITTEE[d.type]} {d.name}", "province": f"{d.province_type} {d.province}",
            "provincial": f"{'Thành ủy' if d.province_type == 'thành phố' else 'Tỉnh ủy'} {d.province}",
            "roman": rnd.choice(ROMAN[15:]), "roman2": rnd.choice(ROMAN[10:16]),
            "n": str(rnd.randrange(2, 30)),
            "k": str(rnd.randrange(2000, 20000)), "term": rnd.choice(TERMS), "year": str(start.year),
            "date": start.strftime("%d/%m/%Y"), "date2": (start + timedelta(days=2)).strftime("%d/%m/%Y"),
            "total": str(rnd.randrange(200, 350)),
        }
        values["votes"] = str(int(values["total"]) - rnd.randrange(0, 10))
        paragraphs = [" ".join(self._sentence(rnd, values) for _ in range(rnd.randrange(1, 5)))
                      for _ in range(rnd.randrange(8, 18))]
        if revision:
            paragraphs.append(f"Bản cập nhật lần {revision}.")
        title = f"Đại hội Đảng bộ {d.label} lần thứ {values['roman']}, nhiệm kỳ {values['term']}"
        return {"id": f"a{i:07d}", "title": title, "published": start.isoformat(),
                "text": "\n\n".join(paragraphs)}

    def _sentence(self, rnd: random.Random, values: dict[str, str]) -> str:
        pool = self.vocab["templates"] if rnd.random() < 0.35 else self.vocab["filler"]
        return rnd.choice(pool).format(**values)

    def articles(self, n: int, start: int = 0) -> Iterator[dict[str, str]]:
        for i in range(start, start + n):
            yield self.article(i)


def write_corpus(n: int, out: Path, seed: int = 1, changed: frozenset[int] = frozenset()) -> list[Path]:
    """n articles as JSONL shards of SHARD articles in `out`; articles in `changed` in a new revision."""
    out.mkdir(parents=True, exist_ok=True)
    corpus, shards = Corpus(seed), []
    for first in range(0, n, SHARD):
        path = out / f"shard{first // SHARD:05d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(first, min(n, first + SHARD)):
                f.write(json.dumps(corpus.article(i, 1 if i in changed else 0), ensure_ascii=False) + "\n")
        shards.append(path)
    return shards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shards = write_corpus(args.articles, args.out, args.seed)
    print(f"{args.articles} articles in {len(shards)} shards in {args.out}")


if __name__ == "__main__":
    main()

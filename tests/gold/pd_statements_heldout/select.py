"""How the 10 held-out articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with >= 800 characters of text that contain a reporting verb
(表示/说/认为/介绍/指出/告诉) within 12 characters after a surname-initial 2-4 character name,
and are not in tests/gold/pd_statements. Seeded shuffle (random.Random(2026)), then a greedy pass
that takes at most 2 articles per month and never repeats a page number.

Run: .venv/bin/python tests/gold/pd_statements_heldout/select.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared/corpora/peoples_daily_2019_2020"


def main() -> None:
    surnames = [
        s.strip() for s in (ROOT / "data/lexicons/surnames.txt").read_text("utf-8").splitlines()
        if s.strip() and not s.startswith("#")
    ]
    sn = "|".join(sorted(map(re.escape, surnames), key=len, reverse=True))
    near = re.compile(rf"(?:{sn})[\u4e00-\u9fff]{{1,2}}[^。！？\n]{{0,12}}(?:表示|说|认为|介绍|指出|告诉)")
    dev = {p.stem for p in (ROOT / "tests/gold/pd_statements").glob("*.json")}
    eligible = []
    for path in sorted(CORPUS.glob("*/*/*.txt")):
        if path.stem in dev:
            continue
        text = path.read_text("utf-8")
        body = re.sub(r"\s", "", text)
        if len(body) >= 800 and near.search(text):
            eligible.append(path)
    rng = random.Random(2026)
    rng.shuffle(eligible)
    per_month: dict[str, int] = {}
    pages: set[str] = set()
    chosen = []
    for path in eligible:
        month, page = path.parts[-3], path.stem.split("-")[1]
        if per_month.get(month, 0) >= 2 or page in pages:
            continue
        per_month[month] = per_month.get(month, 0) + 1
        pages.add(page)
        chosen.append(path)
        if len(chosen) == 10:
            break
    print(f"{len(eligible)} eligible")
    for path in sorted(chosen):
        print(path.relative_to(CORPUS))


if __name__ == "__main__":
    main()

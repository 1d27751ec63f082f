"""How the 8 test3 articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with 600-1500 characters of text (short, to keep blind annotation
short) that contain a reporting verb (表示/说/认为/介绍/指出/告诉/强调) within 12 characters after a
surname-initial 2-4 character name, and are in none of tests/gold/pd_statements*. Seeded shuffle
(random.Random(31337)); a greedy pass first takes 3 diplomatic readouts (会见/会谈/通电话 in the
text, page 01-03), then 2 domestic articles with officials (省委/市委/县委/书记/省长/市长/县长/部长/
局长 at least twice, no foreign marker), then fills up to 8, at most 2 per month and never repeating
a page number.

Run: .venv/bin/python tests/gold/pd_statements_test3/select.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared/corpora/peoples_daily_2019_2020"
READOUT = re.compile(r"会见|会谈|通电话")
FOREIGN = re.compile(r"[\u4e00-\u9fff]{2,}·[\u4e00-\u9fff]{2,}|总统|首相|外长|大使|外交部")
OFFICIAL = re.compile(r"省委|市委|县委|书记|省长|市长|县长|部长|局长")


def main() -> None:
    surnames = [
        s.strip() for s in (ROOT / "data/lexicons/surnames.txt").read_text("utf-8").splitlines()
        if s.strip() and not s.startswith("#")
    ]
    sn = "|".join(sorted(map(re.escape, surnames), key=len, reverse=True))
    near = re.compile(rf"(?:{sn})[\u4e00-\u9fff]{{1,2}}[^。！？\n]{{0,12}}(?:表示|说|认为|介绍|指出|告诉|强调)")
    used = {p.stem for d in (ROOT / "tests/gold").glob("pd_statements*") if d.is_dir() for p in d.glob("*.json")}
    eligible = []
    for path in sorted(CORPUS.glob("*/*/*.txt")):
        if path.stem in used:
            continue
        text = path.read_text("utf-8")
        body = re.sub(r"\s", "", text)
        if 600 <= len(body) <= 1500 and near.search(text):
            eligible.append(path)
    rng = random.Random(31337)
    rng.shuffle(eligible)
    per_month: dict[str, int] = {}
    pages: set[str] = set()
    chosen: list[Path] = []

    def take(path: Path) -> bool:
        month, page = path.parts[-3], path.stem.split("-")[1]
        if path in chosen or per_month.get(month, 0) >= 2 or page in pages:
            return False
        per_month[month] = per_month.get(month, 0) + 1
        pages.add(page)
        chosen.append(path)
        return True

    readouts = 0
    for path in eligible:
        page = path.stem.split("-")[1]
        if readouts < 3 and page in {"01", "02", "03"} and READOUT.search(path.read_text("utf-8")) and take(path):
            readouts += 1
    domestic = 0
    for path in eligible:
        text = path.read_text("utf-8")
        if domestic < 2 and len(OFFICIAL.findall(text)) >= 2 and not FOREIGN.search(text) and take(path):
            domestic += 1
    for path in eligible:
        if len(chosen) == 8:
            break
        take(path)
    print(f"{len(eligible)} eligible")
    for path in sorted(chosen):
        print(path.relative_to(CORPUS))


if __name__ == "__main__":
    main()

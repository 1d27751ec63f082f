"""How the 10 test2 articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with 800-1600 characters of text (the upper bound keeps blind
annotation short) that contain a reporting verb (表示/说/认为/介绍/指出/告诉) within 12 characters
after a surname-initial 2-4 character name, and are in none of tests/gold/pd_statements*. Seeded
shuffle (random.Random(777)); a greedy pass first takes 2 foreign-affairs articles (a ·-name or
总统/首相/外长/大使/外交部, at least twice), then 1 provincial/local governance article (省委/市委/县委/
书记/省长/市长/县长 at least twice), then fills up to 10, at most 2 per month and never repeating a
page number.

Run: .venv/bin/python tests/gold/pd_statements_test2/select.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import re

from select_common import FOREIGN, Picker, eligible

LOCAL = re.compile(r"省委|市委|县委|书记|省长|市长|县长")


def main() -> None:
    paths = eligible(777, 800, 1600)
    pick = Picker()
    foreign = 0
    for path in paths:
        if foreign < 2 and len(FOREIGN.findall(path.read_text("utf-8"))) >= 2 and pick.take(path):
            foreign += 1
    for path in paths:
        text = path.read_text("utf-8")
        if len(LOCAL.findall(text)) >= 2 and not FOREIGN.search(text) and pick.take(path):
            break
    pick.fill(paths, 10)
    pick.report(len(paths))


if __name__ == "__main__":
    main()

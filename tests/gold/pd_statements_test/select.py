"""How the 10 test articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with >= 800 characters of text that contain a reporting verb
(表示/说/认为/介绍/指出/告诉) within 12 characters after a surname-initial 2-4 character name,
and are in none of tests/gold/pd_statements* (dev, coder 2, held-out). Seeded shuffle
(random.Random(4242)); then a greedy pass that first takes 2 foreign-affairs articles (a ·-name or
总统/首相/总理/外长/大使/外交部 in the text, plus a ·-name or a foreign country marker), then fills up
to 10, at most 2 per month and never repeating a page number.

Run: .venv/bin/python tests/gold/pd_statements_test/select.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from select_common import FOREIGN, Picker, eligible


def main() -> None:
    paths = eligible(4242, 800)
    pick = Picker()
    foreign = 0
    for path in paths:
        if foreign < 2 and len(FOREIGN.findall(path.read_text("utf-8"))) >= 2 and pick.take(path):
            foreign += 1
    pick.fill(paths, 10)
    pick.report(len(paths))


if __name__ == "__main__":
    main()

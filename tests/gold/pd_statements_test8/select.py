"""How the 24 test8 articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with 700-2200 characters of text that contain a reporting verb
(表示/说/认为/介绍/指出/告诉/强调) within 12 characters after a surname-initial 2-4 character name,
and are in none of tests/gold/pd_statements*. Seeded shuffle (random.Random(8181)); a greedy
pass first takes 3 foreign-affairs articles (a ·-name or 总统/首相/外长/大使/外交部, at least twice),
then 4 provincial/local governance articles (省委/市委/县委/书记/省长/市长/县长/局长 at least twice, no
foreign marker), then fills up to 24, at most 6 per month (the corpus has 5 months) and a page number at most twice.
Drawn after test7 was scored, to stay the blind set while test7 is tuned on; 24 articles for narrower intervals.

Run: .venv/bin/python tests/gold/pd_statements_test8/select.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import re

from select_common import FOREIGN, VERBS, Picker, eligible

LOCAL = re.compile(r"省委|市委|县委|书记|省长|市长|县长|局长")


def main() -> None:
    paths = eligible(8181, 700, 2200, verbs=(*VERBS, "强调"))
    pick = Picker(per_month=6, page_repeats=2)
    foreign = 0
    for path in paths:
        if foreign < 3 and len(FOREIGN.findall(path.read_text("utf-8"))) >= 2 and pick.take(path):
            foreign += 1
    local = 0
    for path in paths:
        text = path.read_text("utf-8")
        if local < 4 and len(LOCAL.findall(text)) >= 2 and not FOREIGN.search(text) and pick.take(path):
            local += 1
    pick.fill(paths, 24)
    pick.report(len(paths))


if __name__ == "__main__":
    main()

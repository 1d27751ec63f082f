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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import re

from select_common import FOREIGN, VERBS, Picker, eligible

READOUT = re.compile(r"会见|会谈|通电话")
OFFICIAL = re.compile(r"省委|市委|县委|书记|省长|市长|县长|部长|局长")


def main() -> None:
    paths = eligible(31337, 600, 1500, verbs=(*VERBS, "强调"))
    pick = Picker()
    readouts = 0
    for path in paths:
        page = path.stem.split("-")[1]
        if readouts < 3 and page in {"01", "02", "03"} and READOUT.search(path.read_text("utf-8")) and pick.take(path):
            readouts += 1
    domestic = 0
    for path in paths:
        text = path.read_text("utf-8")
        if domestic < 2 and len(OFFICIAL.findall(text)) >= 2 and not FOREIGN.search(text) and pick.take(path):
            domestic += 1
    pick.fill(paths, 8)
    pick.report(len(paths))


if __name__ == "__main__":
    main()

"""How the 16 test6 articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with 700-2200 characters of text that contain a reporting verb
(表示/说/认为/介绍/指出/告诉/强调) within 12 characters after a surname-initial 2-4 character name,
and are in none of tests/gold/pd_statements*. Seeded shuffle (random.Random(6161)); a greedy
pass first takes 3 foreign-affairs articles (a ·-name or 总统/首相/外长/大使/外交部, at least twice),
then 4 provincial/local governance articles (省委/市委/县委/书记/省长/市长/县长/局长 at least twice, no
foreign marker), then fills up to 16, at most 4 per month (the corpus has 5 months) and never repeating a page number.
Drawn after test5 was scored, to stay the blind set while test5 is tuned on.

Run: .venv/bin/python tests/gold/pd_statements_test6/select.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from select_common import select_with_quotas

if __name__ == "__main__":
    select_with_quotas(6161, 16)

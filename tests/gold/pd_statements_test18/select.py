"""How the 32 test18 articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with 700-2200 characters of text that contain a reporting verb
(表示/说/认为/介绍/指出/告诉/强调) within 12 characters after a surname-initial 2-4 character name,
and are in none of tests/gold/pd_statements*. Seeded shuffle (random.Random(18181)); a greedy
pass first takes 4 foreign-affairs articles, then 5 provincial/local governance articles, then fills
up to 32, at most 7 per month (the corpus has 5 months) and a page number at most twice.
Drawn late in session 6, after the statement code of the session was frozen (test17 already scored); annotated blind and scored once on that frozen code.

Run: .venv/bin/python tests/gold/pd_statements_test18/select.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from select_common import select_with_quotas

if __name__ == "__main__":
    select_with_quotas(18181, 32, per_month=7, page_repeats=2, foreign=4, local=5)

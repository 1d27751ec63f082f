"""How the 10 held-out articles were chosen (run once, before annotating; kept for the record).

Eligible: People's Daily articles with >= 800 characters of text that contain a reporting verb
(表示/说/认为/介绍/指出/告诉) within 12 characters after a surname-initial 2-4 character name,
and are not in tests/gold/pd_statements. Seeded shuffle (random.Random(2026)), then a greedy pass
that takes at most 2 articles per month and never repeats a page number.

Run: .venv/bin/python tests/gold/pd_statements_heldout/select.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from select_common import ROOT, Picker, eligible


def main() -> None:
    dev = {p.stem for p in (ROOT / "tests/gold/pd_statements").glob("*.json")}
    paths = eligible(2026, 800, exclude=dev)
    pick = Picker()
    pick.fill(paths, 10)
    pick.report(len(paths))


if __name__ == "__main__":
    main()

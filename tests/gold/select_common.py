"""What the gold-set selection scripts (tests/gold/pd_statements_*/select.py) share.

Why: each blind set records how its articles were drawn; the drawing rules (an eligible People's
Daily article has a reporting verb just after a surname-initial name; a seeded shuffle; at most
two per month, never a repeated page) are the same, only seeds, lengths and genre quotas differ.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared/corpora/peoples_daily_2019_2020"
FOREIGN = re.compile(r"[\u4e00-\u9fff]{2,}·[\u4e00-\u9fff]{2,}|总统|首相|外长|大使|外交部")
VERBS = ("表示", "说", "认为", "介绍", "指出", "告诉")


def used_ids(folders: str = "pd_statements*") -> set[str]:
    """Ids already annotated in the gold folders matching ``folders``."""
    return {p.stem for d in (ROOT / "tests/gold").glob(folders) if d.is_dir() for p in d.glob("*.json")}


def eligible(seed: int, min_len: int, max_len: int | None = None, verbs: Iterable[str] = VERBS,
             exclude: set[str] | None = None) -> list[Path]:
    """Eligible articles, shuffled with ``random.Random(seed)``."""
    surnames = [
        s.strip() for s in (ROOT / "data/lexicons/surnames.txt").read_text("utf-8").splitlines()
        if s.strip() and not s.startswith("#")
    ]
    sn = "|".join(sorted(map(re.escape, surnames), key=len, reverse=True))
    near = re.compile(rf"(?:{sn})[\u4e00-\u9fff]{{1,2}}[^。！？\n]{{0,12}}(?:{'|'.join(verbs)})")
    exclude = used_ids() if exclude is None else exclude
    out = []
    for path in sorted(CORPUS.glob("*/*/*.txt")):
        if path.stem in exclude:
            continue
        text = path.read_text("utf-8")
        n = len(re.sub(r"\s", "", text))
        if n >= min_len and (max_len is None or n <= max_len) and near.search(text):
            out.append(path)
    random.Random(seed).shuffle(out)
    return out


class Picker:
    """Greedy choice: at most ``per_month`` articles per month (two by default), never a repeated page number."""

    def __init__(self, per_month: int = 2, page_repeats: int = 1) -> None:
        self.per_month = per_month
        self.page_repeats = page_repeats
        self.chosen: list[Path] = []
        self._per_month: dict[str, int] = {}
        self._pages: list[str] = []

    def take(self, path: Path) -> bool:
        month, page = path.parts[-3], path.stem.split("-")[1]
        if (path in self.chosen or self._per_month.get(month, 0) >= self.per_month
                or self._pages.count(page) >= self.page_repeats):
            return False
        self._per_month[month] = self._per_month.get(month, 0) + 1
        self._pages.append(page)
        self.chosen.append(path)
        return True

    def fill(self, paths: Iterable[Path], n: int) -> None:
        for path in paths:
            if len(self.chosen) == n:
                break
            self.take(path)

    def report(self, n_eligible: int) -> None:
        print(f"{n_eligible} eligible")
        for path in sorted(self.chosen):
            print(path.relative_to(CORPUS))


LOCAL = re.compile(r"省委|市委|县委|书记|省长|市长|县长|局长")


def select_with_quotas(
    seed: int, n: int, *, per_month: int = 4, page_repeats: int = 1, foreign: int = 3, local: int = 4
) -> None:
    """The drawing of test4 and later sets: 700-2200 characters, a reporting verb (强调 too) after
    a name; first ``foreign`` foreign-affairs articles (FOREIGN at least twice), then ``local``
    local-governance articles (LOCAL at least twice, no foreign marker), then fill up to ``n``."""
    paths = eligible(seed, 700, 2200, verbs=(*VERBS, "强调"))
    pick = Picker(per_month=per_month, page_repeats=page_repeats)
    taken = 0
    for path in paths:
        if taken < foreign and len(FOREIGN.findall(path.read_text("utf-8"))) >= 2 and pick.take(path):
            taken += 1
    taken = 0
    for path in paths:
        text = path.read_text("utf-8")
        if taken < local and len(LOCAL.findall(text)) >= 2 and not FOREIGN.search(text) and pick.take(path):
            taken += 1
    pick.fill(paths, n)
    pick.report(len(paths))

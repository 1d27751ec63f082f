"""Accuracy of numbered slogans and numeric targets against hand-checked expectations.

Prints (1) the sample article check against the gold file, (2) slogan precision/recall on the
hand-judged People's Daily set (tests/expected/slogans_hand.json), (3) the number of main
targets found per 2026 provincial work report, (4) target precision/recall against the
hand-read targets (tests/expected/gwr_targets.json).

Run: .venv/bin/python benchmarks/commitments_accuracy.py   (needs ../shared; exits 0 without)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from tifalab.numbers import find_numbers, main_targets
from tifalab.paths import sample_path, shared_dir
from tifalab.slogans import find_slogans

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "expected"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def target_matches(pred, exp: dict) -> bool:
    """All fields of a hand-read target agree with a predicted NumberMention."""
    return (
        pred.text == exp["text"]
        and _close(pred.value, exp["value"])
        and _close(pred.value_max, exp.get("value_max"))
        and pred.unit == exp["unit"]
        and pred.object == exp["object"]
        and pred.qualifier == exp["qualifier"]
    )


def sample_check(shared: Path) -> dict[str, bool]:
    gold = json.loads((shared / "gold" / "zhengzhou_plenary_reactions.json").read_text("utf-8"))
    text = sample_path().read_text("utf-8")
    got_s = [(s.text, [list(p) for p in s.parts], s.expansion) for s in find_slogans(text)]
    exp_s = [(g["text"], g["parts"], g.get("expanded_as")) for g in gold["numbered_slogans"]]
    got_n = sorted(
        (n.value, n.unit, n.object, n.qualifier, n.kind) for n in find_numbers(text)
    )
    exp_n = sorted(
        (float(g["value"]), g["unit"], g["object"], g.get("qualifier"), g["kind"])
        for g in gold["numeric_targets"]
    )
    return {"slogans": sorted(got_s) == sorted(exp_s), "numbers": got_n == exp_n}


def slogan_scores(shared: Path) -> tuple[int, int, int, int]:
    """(true positives, predicted, true slogans judged, found) on the hand set."""
    hand = json.loads((EXPECTED / "slogans_hand.json").read_text("utf-8"))["items"]
    by_file: dict[str, dict[str, bool]] = {}
    for it in hand:
        by_file.setdefault(it["file"], {})[it["text"]] = it["slogan"]
    tp = npred = ntrue = found = 0
    for f, judged in by_file.items():
        text = (shared / "corpora" / f).read_text("utf-8", errors="replace")
        pred = {s.text for s in find_slogans(text)}
        npred += len(pred)
        tp += sum(1 for p in pred if judged.get(p) is True)
        truths = [t for t, ok in judged.items() if ok]
        ntrue += len(truths)
        found += sum(1 for t in truths if t in pred)
    return tp, npred, ntrue, found


def gwr_counts(shared: Path) -> dict[str, int]:
    folder = shared / "corpora" / "gov_work_reports_2026_provinces" / "txt"
    out = {}
    for f in sorted(folder.glob("2026_*_政府工作报告.txt")):
        out[f.name.split("_")[1]] = len(main_targets(f.read_text("utf-8")))
    return out


def target_scores(shared: Path) -> tuple[int, int, int]:
    """(correct, predicted, expected) over the hand-read provinces."""
    exp = json.loads((EXPECTED / "gwr_targets.json").read_text("utf-8"))["targets"]
    folder = shared / "corpora" / "gov_work_reports_2026_provinces" / "txt"
    correct = npred = nexp = 0
    for prov, targets in exp.items():
        preds = main_targets((folder / f"2026_{prov}_政府工作报告.txt").read_text("utf-8"))
        npred += len(preds)
        nexp += len(targets)
        unused = list(preds)
        for t in targets:
            hit = next((p for p in unused if target_matches(p, t)), None)
            if hit is not None:
                correct += 1
                unused.remove(hit)
    return correct, npred, nexp


def main() -> int:
    shared = shared_dir()
    if shared is None:
        print("../shared not found: nothing to measure")
        return 0
    print("sample article exact match:", sample_check(shared))
    tp, npred, ntrue, found = slogan_scores(shared)
    print(
        f"slogans (hand set): precision {tp}/{npred} = {tp / max(npred, 1):.2f}, "
        f"recall {found}/{ntrue} = {found / max(ntrue, 1):.2f}"
    )
    counts = gwr_counts(shared)
    print("\nmain targets per 2026 provincial report:")
    for prov, n in counts.items():
        print(f"  {prov:<10}{n:>4}")
    dist = Counter(counts.values())
    print(f"  total {sum(counts.values())}, reports with 0: {dist.get(0, 0)}, "
          f"min {min(counts.values())}, max {max(counts.values())}")
    c, p, e = target_scores(shared)
    print(
        f"\ntargets (hand-read, {e} in 12 reports): precision {c}/{p} = {c / max(p, 1):.2f}, "
        f"recall {c}/{e} = {c / max(e, 1):.2f} (all of text, value, unit, object, qualifier)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

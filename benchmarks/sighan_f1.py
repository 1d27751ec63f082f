"""SIGHAN 2005 (icwb2) PKU/MSR test F1: plain jieba vs tifalab's Tokenizer, HMM on and off.

Why: adding a lexicon of 提法 to jieba must not make ordinary segmentation worse. The gold
segmentation is the PKU/MSR standard (fine-grained: 改革 开放), so this is a guard against
damage, not a measure of formulation handling. Scoring is word-span precision/recall/F1 as in
the icwb2 ``score`` script. Usage::

    .venv/bin/python benchmarks/sighan_f1.py [--corpus pku|msr]
"""

from __future__ import annotations

import argparse
import sys
import time

from tifalab.paths import shared_dir
from tifalab.tokenize import Tokenizer, score_segmentation


def load(corpus: str) -> tuple[list[str], list[list[str]]]:
    root = shared_dir()
    if root is None:
        sys.exit("../shared/corpora/sighan2005_icwb2 not found")
    d = root / "corpora" / "sighan2005_icwb2"
    raw = (d / f"{corpus}_test.utf8").read_text(encoding="utf-8-sig").splitlines()
    gold = [ln.split() for ln in (d / f"{corpus}_test_gold.utf8").read_text(
        encoding="utf-8-sig").splitlines()]
    raw = [ln.strip() for ln in raw]
    n = min(len(raw), len(gold))
    return raw[:n], gold[:n]


def run(corpus: str) -> None:
    raw, gold = load(corpus)
    print(f"{corpus.upper()} test: {len(raw)} lines, {sum(map(len, gold))} gold words")
    print(f"{'segmenter':<34}{'HMM':>5}{'P':>8}{'R':>8}{'F1':>8}{'s':>7}")
    rows: list[tuple[str, dict]] = [
        ("plain jieba (private instance)", {"formulations": False, "numerals": False}),
        ("jieba + numerals only", {"formulations": False}),
        ("jieba + formulations only", {"numerals": False}),
        ("tifalab default (jieba)", {}),
        ("tifalab default (rjieba)", {"backend": "rjieba"}),
    ]
    for label, kwargs in rows:
        for hmm in (True, False):
            tk = Tokenizer(hmm=hmm, **kwargs)
            t0 = time.perf_counter()
            pred = [tk.cut(line) for line in raw]
            dt = time.perf_counter() - t0
            s = score_segmentation(gold, pred)
            print(f"{label:<34}{'on' if hmm else 'off':>5}{s['precision']:8.4f}"
                  f"{s['recall']:8.4f}{s['f1']:8.4f}{dt:7.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description="SIGHAN 2005 F1 of jieba vs tifalab")
    ap.add_argument("--corpus", choices=["pku", "msr"], default="pku")
    args = ap.parse_args()
    run(args.corpus)


if __name__ == "__main__":
    main()

"""Speed (MB/s of UTF-8) of the jieba and rjieba backends, and how far their tokens agree.

Why: rjieba is the fast path for whole corpora, jieba the reference; a user choosing rjieba
should know the speed gained and the segmentation given up. Text: the first ``--mb`` MB of
People's Daily articles (one line per paragraph). Agreement is reported two ways: the share of
lines segmented identically, and span F1 of rjieba's tokens against jieba's. Usage::

    .venv/bin/python benchmarks/tokenizer_speed.py [--mb 3]
"""

from __future__ import annotations

import argparse
import sys
import time

from tifalab.paths import shared_dir
from tifalab.tokenize import Tokenizer, score_segmentation


def load_lines(mb: float) -> list[str]:
    root = shared_dir()
    if root is None:
        sys.exit("../shared/corpora/peoples_daily_2019_2020 not found")
    lines: list[str] = []
    size = 0
    for p in sorted((root / "corpora" / "peoples_daily_2019_2020").glob("*/*/*.txt")):
        for ln in p.read_text(encoding="utf-8", errors="replace").splitlines():
            ln = ln.strip()
            if ln:
                lines.append(ln)
                size += len(ln.encode("utf-8"))
        if size >= mb * 1e6:
            break
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description="tokenizer speed and agreement")
    ap.add_argument("--mb", type=float, default=3.0)
    args = ap.parse_args()
    lines = load_lines(args.mb)
    mbytes = sum(len(ln.encode("utf-8")) for ln in lines) / 1e6
    print(f"People's Daily sample: {len(lines)} lines, {mbytes:.2f} MB")
    print(f"{'backend':<10}{'formulations':>14}{'HMM':>5}{'start s':>9}{'MB/s':>8}")
    results: dict[tuple[str, bool, bool], list[list[str]]] = {}
    for hmm in (True, False):
        for form in (False, True):
            for backend in ("jieba", "rjieba"):
                t0 = time.perf_counter()
                tk = Tokenizer(backend=backend, hmm=hmm, formulations=form)
                tk.cut("预热")
                start = time.perf_counter() - t0
                t0 = time.perf_counter()
                out = [tk.cut(ln) for ln in lines]
                dt = time.perf_counter() - t0
                results[(backend, hmm, form)] = out
                print(f"{backend:<10}{'on' if form else 'off':>14}{'on' if hmm else 'off':>5}"
                      f"{start:9.2f}{mbytes / dt:8.2f}")
    print("\nrjieba vs jieba agreement (same settings)")
    print(f"{'formulations':>14}{'HMM':>5}{'same lines':>12}{'token F1':>10}")
    for hmm in (True, False):
        for form in (False, True):
            a, b = results[("jieba", hmm, form)], results[("rjieba", hmm, form)]
            same = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
            f1 = score_segmentation(a, b)["f1"]
            print(f"{'on' if form else 'off':>14}{'on' if hmm else 'off':>5}"
                  f"{same:12.4%}{f1:10.5f}")


if __name__ == "__main__":
    main()

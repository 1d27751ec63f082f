"""Accuracy of tifalab on its hand-checked gold, through the same scorer researchers use
(`tifalab score`, ``tifalab.validation.score_gold``): precision, recall and F1 with 95 % Wilson
intervals per item type and field, then the errors.

- the sample article vs ../shared/gold (speakers, statements, term quotes, slogans, numbers,
  headline, reporters, photo);
- 20 People's Daily articles annotated by hand (tests/gold/pd_statements), read from
  ../shared/corpora: (speaker name, statement) pairs for direct and indirect statements, and the
  exact-match rate of affiliations;
- 10 further People's Daily articles annotated blind as a held-out set (tests/gold/pd_statements_heldout,
  chosen by its select.py): "held-out" — tuned on since the test set was made;
- 10 further People's Daily articles annotated blind as a test set (tests/gold/pd_statements_test, chosen by
  its select.py): "test" — tuned on since the test2 set was made;
- 10 further People's Daily articles annotated blind as a second test set (tests/gold/pd_statements_test2,
  chosen by its select.py): "test2" — tuned on since the test3 set was made;
- 8 further short People's Daily articles annotated blind as a third test set
  (tests/gold/pd_statements_test3, chosen by its select.py, 3 diplomatic readouts): tuned on since test4;
- 16 articles each in test4-test7 and 24 in test8, annotated blind; each README gives the figure of
  its one blind run (the honest figures for new text); test4-test8 were tuned on afterwards;
- 32 articles each in test9-test17 (31 in test18), annotated blind by four annotators and each scored
  once (their READMEs), each before the rules written from its own errors.

Run: .venv/bin/python benchmarks/statements_accuracy.py [-v]   (-v lists every error)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from tifalab.paths import shared_dir
from tifalab.validation import load_gold, predict_for_gold, score_gold

ROOT = Path(__file__).resolve().parents[1]


def main(verbose: bool) -> None:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared not found: the benchmark needs the gold and the corpora")
    sets = [
        ("sample (../shared/gold)", shared / "gold", shared),
        ("People's Daily, 20 hand-annotated articles (dev)", ROOT / "tests/gold/pd_statements",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 10 articles held-out (tuned on since the test set)", ROOT / "tests/gold/pd_statements_heldout",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 10 articles test (tuned on since test2)", ROOT / "tests/gold/pd_statements_test",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 10 articles test2 (tuned on since test3)", ROOT / "tests/gold/pd_statements_test2",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 8 articles test3 (tuned on since test4)", ROOT / "tests/gold/pd_statements_test3",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 16 articles test4 (blind run in its README; tuned on since)", ROOT / "tests/gold/pd_statements_test4",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 16 articles test5 (blind run in its README; tuned on since test6)", ROOT / "tests/gold/pd_statements_test5",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 16 articles test6 (blind run in its README; tuned on since test7)", ROOT / "tests/gold/pd_statements_test6",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 16 articles test7 (blind run in its README; tuned on since test8)", ROOT / "tests/gold/pd_statements_test7",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 24 articles test8 (blind run in its README; tuned on since test9)", ROOT / "tests/gold/pd_statements_test8",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test9 (blind run in its README; tuned on since test10)", ROOT / "tests/gold/pd_statements_test9",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test10 (blind run in its README; tuned on since test11)", ROOT / "tests/gold/pd_statements_test10",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test11 (blind run in its README; tuned on since test12)", ROOT / "tests/gold/pd_statements_test11",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test12 (blind run in its README; tuned on since test13)", ROOT / "tests/gold/pd_statements_test12",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test13 (blind run in its README; tuned on since test14)", ROOT / "tests/gold/pd_statements_test13",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test14 (blind run in its README)", ROOT / "tests/gold/pd_statements_test14",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test15 (blind run in its README)", ROOT / "tests/gold/pd_statements_test15",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test16 (blind run in its README)", ROOT / "tests/gold/pd_statements_test16",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 32 articles test17 (blind run in its README)", ROOT / "tests/gold/pd_statements_test17",
         shared / "corpora/peoples_daily_2019_2020"),
        ("People's Daily, 31 articles test18 (blind run in its README)", ROOT / "tests/gold/pd_statements_test18",
         shared / "corpora/peoples_daily_2019_2020"),
    ]
    pd.set_option("display.width", 200)
    for label, gold_dir, root in sets:
        gold = load_gold(gold_dir)
        pred = predict_for_gold(gold, root)
        rep = score_gold(gold, pred)
        print(f"\n== {label}: {len(gold)} gold files")
        failed = [g["file"] for g in gold if g["file"] not in pred]
        if failed:
            print(f"!! {len(failed)} gold articles failed to parse (their items count as misses): {failed}")
        print(rep.scores.to_string(index=False))
        if verbose and not rep.errors.empty:
            print(rep.errors.to_string(index=False))
        elif not rep.errors.empty:
            print(f"({len(rep.errors)} errors; -v lists them)")


if __name__ == "__main__":
    main("-v" in sys.argv)

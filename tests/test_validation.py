"""Measured trust: coding sheets, scoring with intervals, agreement, gold scoring."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tifalab import validation as v
from tifalab.analysis import load_tables
from tifalab.build import build_corpus
from tifalab.cli import main
from tifalab.paths import sample_path, shared_dir


def test_wilson_interval_known_values() -> None:
    lo, hi = v.wilson(8, 10)
    assert (lo, hi) == pytest.approx((0.4902, 0.9433), abs=1e-4)  # Wilson 1927; Newcombe 1998 table
    assert v.wilson(0, 0) == (None, None)


def test_cohens_kappa_known_value() -> None:
    # 10 items: both yes 6, both no 2, a-yes/b-no 1, a-no/b-yes 1 -> po 0.8, pe 0.58, kappa 0.5238
    a = pd.DataFrame({"item_id": range(10), "correct": ["y"] * 7 + ["n"] * 3})
    b = pd.DataFrame({"item_id": range(10), "correct": ["y"] * 6 + ["n", "y", "n", "n"]})
    r = v.agreement(a, b)
    assert r["n"] == 10 and r["percent_agreement"] == 0.8
    assert r["kappa"] == pytest.approx(0.5238, abs=1e-4)


@pytest.fixture(scope="module")
def tables_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("tables")
    build_corpus([sample_path()], d, jobs=1, progress=False)
    return d


def test_round_trip_sample_fill_score(tables_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "coding.csv"
    assert main(["sample", str(tables_dir), "--n", "12", "--seed", "3", "-o", str(out)]) == 0
    sheet = v.read_sheet(out)
    assert (out.with_suffix(".html")).read_text("utf-8").count("<mark>") == len(sheet)
    assert set(sheet["item_type"]) == {"statement", "slogan", "number"}  # stratified
    again = v.sample_items(load_tables(tables_dir), n=12, seed=3)
    assert list(again["item_id"]) == list(sheet["item_id"])  # deterministic for a seed
    # a "coder" marks every item right except the first two; notes 1 missed item per article
    sheet["correct"] = ["no", "0"] + ["yes"] * (len(sheet) - 2)
    sheet["missed_in_article"] = "1"
    sheet.loc[0, "corrected_speaker"] = "某某"
    sheet.to_csv(out, index=False, encoding="utf-8-sig")
    rep = v.score_sheet(v.read_sheet(out))
    items = rep.scores[rep.scores["field"] == "item"].set_index("item_type")
    assert int(items["tp"].sum()) == len(sheet) - 2 and int(items["fp"].sum()) == 2
    assert len(rep.errors) == 2
    recall_rows = rep.scores[rep.scores["field"].str.startswith("item (articles")]
    assert (recall_rows["fn"] == 1).all() and recall_rows["recall"].notna().all()
    # CLI path with a second coder
    second = sheet.copy()
    second["correct"] = "yes"
    p2 = tmp_path / "coding2.csv"
    second.to_csv(p2, index=False, encoding="utf-8-sig")
    assert main(["score", str(out), "--second-coder", str(p2), "-o", str(tmp_path / "scores.csv")]) == 0
    assert (tmp_path / "scores_errors.csv").is_file()


def test_sheet_errors_name_file_and_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv: coding sheet lacks column"):
        v.read_sheet(bad)


@pytest.mark.skipif(shared_dir() is None, reason="../shared (gold and corpora) not present")
def test_sample_gold_scored_through_the_same_path() -> None:
    shared = shared_dir()
    assert shared is not None
    gold = v.load_gold(shared / "gold")
    rep = v.score_gold(gold, v.predict_for_gold(gold, shared))
    s = rep.scores.set_index(["item_type", "field"])
    for key in [("speaker", "name"), ("speaker", "affiliations"), ("speaker", "area"), ("speaker", "verb"),
                ("slogan", "text"), ("slogan", "parts"), ("number", "value+unit"), ("number", "kind"),
                ("term_quote", "not_speech"), ("reporter", "name"), ("headline", "title")]:
        assert s.loc[key, "precision"] == 1.0 and s.loc[key, "recall"] == 1.0, key


@pytest.mark.skipif(shared_dir() is None, reason="../shared corpora not present")
def test_pd_statements_gold_meets_targets() -> None:
    shared = shared_dir()
    assert shared is not None
    gold = v.load_gold(Path(__file__).parent / "gold" / "pd_statements")
    rep = v.score_gold(gold, v.predict_for_gold(gold, shared / "corpora/peoples_daily_2019_2020"))
    row = rep.scores.set_index(["item_type", "field"]).loc[("statement", "speaker+start")]
    assert row["precision"] >= 0.95 and row["recall"] >= 0.90


def test_misses_noted_on_any_row_of_an_article_count() -> None:
    sheet = pd.DataFrame({"item_id": ["a1", "a2", "b1"], "item_type": ["statement"] * 3,
                          "article_id": ["x", "x", "y"], "correct": ["yes", "yes", "no"],
                          "missed_in_article": ["", "2", ""]})
    rep = v.score_sheet(sheet)
    row = rep.scores[rep.scores["field"].str.startswith("item (articles")].iloc[0]
    assert (row["tp"], row["fn"]) == (2, 2)  # only article x had misses coded


def test_failed_article_counts_its_gold_items_as_misses() -> None:
    gold = [{"file": "a.txt", "numbered_slogans": [{"text": "一中心、两关键", "parts": [[1, "中心"], [2, "关键"]]}]}]
    rep = v.score_gold(gold, {})
    row = rep.scores.set_index(["item_type", "field"]).loc[("slogan", "text")]
    assert row["fn"] == 1 and row["recall"] == 0.0

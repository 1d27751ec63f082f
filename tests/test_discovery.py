"""Tests for tifalab.discovery: n-gram statistics and new-formulation candidates."""

from __future__ import annotations

import math
import random

import pytest

from tifalab.discovery import candidate_formulations, han_runs, ngram_stats
from tifalab.formulations import load_formulations
from tifalab.paths import sample_path, shared_dir

COLUMNS = ["candidate", "count", "docs", "pmi", "left_entropy", "right_entropy", "score"]


def test_han_runs_stop_at_punctuation_digits_and_latin() -> None:
    assert han_runs("优化营商环境，5G基站a建设。好") == ["优化营商环境", "基站", "建设"]


def test_ngram_stats_counts_entropy_and_pmi() -> None:
    docs = ["甲营商环境乙", "丙营商环境丁", "戊营商环境己", "营商环境"]
    st = ngram_stats(docs, min_count=2, max_len=4)
    assert st.counts["营商环境"] == 4 and st.docs["营商环境"] == 4
    # left neighbours 甲 丙 戊 once each + one run edge -> four distinct: 2 bits
    assert st.entropy("营商环境", "left") == pytest.approx(2.0)
    assert st.entropy("营商环", "right") == pytest.approx(0.0)  # always followed by 境
    assert st.pmi("营商环境") > 0
    assert math.isnan(st.pmi("甲"))


def test_candidates_on_sample_have_columns_and_skip_known_terms() -> None:
    paras = [p for p in sample_path().read_text(encoding="utf-8").splitlines() if p.strip()]
    df = candidate_formulations(paras, None, min_count=3, min_docs=2, top=50)
    assert list(df.columns) == COLUMNS
    assert "高质量发展" in set(df["candidate"])
    assert df["score"].is_monotonic_decreasing
    lex = load_formulations()
    df2 = candidate_formulations(paras, lex, min_count=3, min_docs=2, top=50)
    assert "高质量发展" not in set(df2["candidate"])
    # fragments of known terms are not candidates either
    assert not any(c in t for c in df2["candidate"] for t in lex.terms)


@pytest.mark.corpus
def test_removed_known_terms_are_rediscovered_in_real_reports() -> None:
    root = shared_dir()
    if root is None:
        pytest.skip("../shared/corpora absent: real government work reports needed")
    c = root / "corpora"
    gov = [p.read_text(encoding="utf-8-sig")
           for p in sorted((c / "gov_work_reports_2026_provinces" / "txt").glob("*.txt"))]
    xw = sorted((c / "cctv_xinwenlianbo_2022_2026" / "news").glob("2025*.md"))
    xw_texts = [p.read_text(encoding="utf-8") for p in random.Random(3).sample(xw, 60)]
    lex = load_formulations()
    removed = ["营商环境", "新质生产力", "乡村振兴", "以旧换新", "招商引资", "低空经济",
               "共同富裕", "数字经济", "人工智能", "城市更新"]
    kept = [t for t in lex.terms if t not in removed and not any(r in t for r in removed)]
    df = candidate_formulations(gov + xw_texts, kept, min_count=5, top=300)
    found = set(df["candidate"])
    hits = [t for t in removed if t in found]
    print(f"rediscovered {len(hits)}/{len(removed)} in top 300: {hits}")
    assert len(hits) >= 8
    # the known terms still in the lexicon are excluded
    assert not found & set(kept)

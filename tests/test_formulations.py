"""Tests for tifalab.formulations: lexicon files, matching, density, tables."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pandas as pd
import pytest

from tifalab.formulations import (
    FormulationLexicon,
    LexiconError,
    density,
    density_table,
    doc_term_counts,
    load_formulations,
    load_themes,
    match_formulations,
    match_table,
    theme_table,
)
from tifalab.paths import lexicon_path, sample_path, shared_dir
from tifalab.tokenize import Tokenizer, is_token_safe

SAMPLE = sample_path().read_text(encoding="utf-8")
SAMPLE_TERMS = [
    "高质量发展", "营商环境", "招商引资", "中国式现代化", "以商招商", "精准招商", "数字经济",
    "人工智能", "以旧换新", "新动能", "基层治理", "网格化", "党建引领", "城中村改造",
    "先进制造业", "产业链", "延链补链强链", "科技创新", "万人助万企", "新兴产业",
]


@functools.cache
def lex() -> FormulationLexicon:
    return load_formulations()


@functools.cache
def tok() -> Tokenizer:
    return Tokenizer(formulations=lex())


def test_bundled_lexicon_is_large_themed_and_token_safe() -> None:
    lx = lex()
    assert len(lx) >= 1500
    themes = load_themes()
    assert {"economy", "business_env", "party_building", "grassroots", "ecology",
            "foreign", "rural", "ideology", "security"} <= set(themes)
    for t in themes.values():
        assert t.label_zh and t.label_en and t.description
    for term in lx.terms:
        assert lx.themes_of[term], term
        assert is_token_safe(term), term
        assert len(term) <= 16, term  # the longest: 习近平新时代中国特色社会主义思想
    for term in SAMPLE_TERMS:
        assert term in lx, term


def test_lexicon_file_header_and_source_column() -> None:
    df = pd.read_csv(lexicon_path("formulations.tsv"), sep="\t", dtype=str,
                     keep_default_na=False)
    assert list(df.columns) == ["term", "themes", "source", "note"]
    assert df["term"].is_unique
    with_source = (df["source"] != "").mean()
    assert with_source > 0.95  # almost every entry was seen in the corpora


def test_match_formulations_longest_match_with_offsets() -> None:
    text = "持续优化营商环境，壮大数字经济核心产业，中原区发展和改革委员会营商环境建设科，推动高质量发展。"
    ms = match_formulations(text, lex())
    for m in ms:
        assert text[m.start:m.end] == m.term
        assert m.themes == list(lex().themes_of[m.term])
    terms = [m.term for m in ms]
    # verb + formulation is not an entry: the count goes to the core formulation
    assert terms[0] == "营商环境"
    assert "数字经济核心产业" in terms and "数字经济" not in terms  # longest entry wins
    assert terms.count("营商环境") == 2  # also inside the office name 营商环境建设科
    assert terms[-1] == "高质量发展"


def test_token_counts_equal_text_matches_on_sample() -> None:
    d = density(SAMPLE, tok(), lex())
    ms = match_formulations(SAMPLE, lex())
    assert [(m.term, m.start, m.end) for m in d.matches] == [(m.term, m.start, m.end) for m in ms]
    assert 0.05 < d.share < 0.5
    assert d.formulation_tokens == len(d.terms) == len(ms)
    assert d.terms.count("高质量发展") >= 5
    assert d.theme_counts["business_env"] >= 5
    assert sum(d.theme_counts.values()) >= d.formulation_tokens


def test_density_of_text_without_words() -> None:
    d = density("，。 \n", tok(), lex())
    assert (d.tokens, d.formulation_tokens, d.share, d.matches) == (0, 0, 0.0, [])


def test_tables_on_sample_paragraphs() -> None:
    paras = [(f"p{i}", p) for i, p in enumerate(SAMPLE.splitlines()) if p.strip()]
    dt = density_table(paras, tok(), lex())
    assert list(dt.columns) == ["unit_id", "tokens", "formulation_tokens", "share", "n_terms",
                                "terms"]
    assert len(dt) == len(paras)
    row = dt[dt["terms"].str.contains("万人助万企")].iloc[0]
    assert row["formulation_tokens"] == len(row["terms"].split("|"))
    tt = theme_table(paras, tok(), lex())
    assert {"unit_id", "theme", "label_zh", "label_en", "count", "share"} == set(tt.columns)
    assert tt["count"].sum() >= dt["formulation_tokens"].sum()
    mt = match_table(paras, lex())
    assert len(mt) == dt["formulation_tokens"].sum()
    texts = dict(paras)
    for r in mt.itertuples():
        assert texts[r.unit_id][r.start:r.end] == r.term
    dtc = doc_term_counts([("sample", SAMPLE)], tok(), lex())
    assert list(dtc.columns) == ["doc_id", "term", "count", "themes"]
    assert dtc["count"].sum() == dt["formulation_tokens"].sum()
    assert dtc.set_index("term").loc["招商引资", "count"] >= 3


def test_user_lexicon_files(tmp_path: Path) -> None:
    themes = tmp_path / "themes.tsv"
    themes.write_text("id\tlabel_zh\tlabel_en\tdescription\nbiz\t营商\tbusiness\tx\n",
                      encoding="utf-8")
    f = tmp_path / "mine.tsv"
    f.write_bytes("\ufeffterm\tthemes\tsource\tnote\r\n首席服务官\tbiz\t\t\r\n首席服务官\tbiz\t\t\r\n"
                  .encode())
    lx = load_formulations(f, themes)
    assert lx.terms == ["首席服务官"]
    tk = Tokenizer(formulations=lx)
    d = density("班子成员担任48个项目首席服务官", tk, lx)
    assert d.terms == ["首席服务官"] and d.theme_counts == {"biz": 1}
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\tthemes\n营商环境\tno_such_theme\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv:2.*no_such_theme"):
        load_formulations(bad, themes)
    gbk = tmp_path / "gbk.tsv"
    gbk.write_bytes("term\tthemes\n营商环境\tbiz\n".encode("gbk"))
    with pytest.raises(LexiconError, match=r"gbk\.tsv"):
        load_formulations(gbk, themes)
    with pytest.raises(LexiconError, match="header"):
        load_formulations(themes, themes)


@pytest.mark.corpus
def test_reports_are_denser_in_formulations_than_peoples_daily() -> None:
    root = shared_dir()
    if root is None:
        pytest.skip("../shared/corpora absent: real reports and People's Daily text needed")
    c = root / "corpora"
    gov = [(p.stem, p.read_text(encoding="utf-8-sig"))
           for p in sorted((c / "gov_work_reports_2026_provinces" / "txt").glob("*.txt"))[:6]]
    pd_files = random.Random(5).sample(sorted((c / "peoples_daily_2019_2020").glob("*/*/*.txt")),
                                       120)
    pdd = [(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in pd_files]
    g = density_table(gov, tok(), lex())
    p = density_table(pdd, tok(), lex())
    g_share = g["formulation_tokens"].sum() / g["tokens"].sum()
    p_share = p["formulation_tokens"].sum() / p["tokens"].sum()
    print(f"formulation share: reports {g_share:.3%}, People's Daily {p_share:.3%}")
    assert g_share > p_share > 0
    dtc = doc_term_counts(gov, tok(), lex())
    assert (dtc.groupby("doc_id")["term"].nunique() > 100).all()


def test_pipeline_hits_from_spans_equal_token_lookup() -> None:
    """The fast path (hits = the tokenizer's forced spans) gives the hits and token counts of
    the token-by-token lookup it replaced."""
    from tifalab.io import read_inputs
    from tifalab.paths import sample_path
    from tifalab.pipeline import Pipeline, PipelineConfig, StatementLocator

    fast, slow = Pipeline(PipelineConfig()), Pipeline(PipelineConfig())
    slow._hits_from_spans = False
    (doc,) = list(read_inputs([str(sample_path())]))
    art = fast.parse(doc).article
    loc = StatementLocator(art)
    assert fast._spans_are_hits()
    hits, n = fast._formulations(art, loc)
    assert hits and (hits, n) == slow._formulations(art, loc)

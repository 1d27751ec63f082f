"""Analysis functions: keyness, KWIC, co-occurrence, echo — checked against hand-computed values."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest

from tifalab import analysis
from tifalab.views import Mark, annotate


def test_keyness_matches_hand_computed_log_likelihood_and_log_ratio() -> None:
    target = Counter({"营商环境": 10, "其他": 90})
    reference = Counter({"营商环境": 5, "其他": 195})
    df = analysis.keyness(target, reference).set_index("term")
    # E1 = 100*15/300 = 5, E2 = 200*15/300 = 10; G2 = 2(10 ln 2 + 5 ln 0.5) = 10 ln 2
    assert df.loc["营商环境", "g2"] == pytest.approx(10 * math.log(2), abs=1e-3)
    assert df.loc["营商环境", "log_ratio"] == pytest.approx(2.0, abs=1e-3)
    assert df.loc["其他", "g2"] < 0  # under-used by the target
    assert 0 < df.loc["营商环境", "p"] < 0.05


def test_kwic_offsets_point_into_the_article_text() -> None:
    paras = pd.DataFrame({
        "article_id": ["a", "a"], "paragraph": [0, 1], "start": [0, 13],
        "text": ["推动高质量发展再上台阶。", "优化营商环境，推动高质量发展"],
    })
    full = "推动高质量发展再上台阶。\n优化营商环境，推动高质量发展"
    k = analysis.kwic(paras, ["高质量发展", "营商环境"], window=3)
    assert list(k["term"]) == ["高质量发展", "营商环境", "高质量发展"]
    for r in k.itertuples():
        assert full[r.start:r.end] == r.term
    assert k.iloc[1]["left"] == "优化" and k.iloc[1]["right"] == "，推动"


def test_cooccurrence_counts_units_and_jaccard() -> None:
    f = pd.DataFrame({
        "article_id": ["a"] * 5, "paragraph": [0, 0, 1, 1, 2],
        "term": ["营商环境", "高质量发展", "营商环境", "高质量发展", "营商环境"],
    })
    co = analysis.cooccurrence(f, unit="paragraph", min_count=1)
    assert co.iloc[0].to_dict() == {"a": "营商环境", "b": "高质量发展", "count": 2, "jaccard": round(2 / 3, 3)}
    with pytest.raises(analysis.ParameterError, match="allowed: article, paragraph, statement"):
        analysis.cooccurrence(f, unit="sentence")


def test_echo_marks_reused_sentences() -> None:
    source = "加快打造国家先进制造业高地，抓牢主导产业，抢滩未来产业，做大产业链群。"
    st = pd.DataFrame({
        "article_id": ["a", "a"], "statement": [0, 1], "speaker_name": ["陈卫东", "周凯"], "start": [0, 100],
        "text": ["我们将加快打造国家先进制造业高地。今天天气很好。", "全会从改革和民生领域作出了新部署。"],
    })
    ec = analysis.echo(st, source, n=4, threshold=0.5)
    assert list(ec["echo"]) == [True, False, False]
    assert ec.iloc[0]["shared"] == "加快打造国家先进制造业高地"
    by = analysis.echo_by_speaker(ec).set_index("speaker_name")
    assert by.loc["陈卫东", "echo_score"] == 0.5 and by.loc["周凯", "echo_score"] == 0.0


def test_group_by_errors_name_allowed_values() -> None:
    f = pd.DataFrame({"term": ["a"], "district": ["金水区"], "paper": ["x"]})
    with pytest.raises(analysis.ParameterError, match=r"group_by='county'.*allowed: district, paper"):
        analysis.check_group_by("county", f)


def test_annotate_handles_overlapping_spans_and_escapes() -> None:
    text = "他说<要>推动高质量发展"
    html = annotate(text, [Mark(0, 11, "statement-direct", "x"), Mark(6, 11, "formulation", "提法")])
    assert "&lt;要&gt;" in html
    assert 'class="tl-formulation tl-statement-direct"' in html
    assert "直接引语" in html  # legend present

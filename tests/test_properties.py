"""Property tests over the whole per-document pipeline (hypothesis): on arbitrary Unicode text
it never raises, every span indexes into the text and reproduces the item, and it is
deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tifalab.model import Document
from tifalab.pipeline import Pipeline, PipelineConfig

PIPE = Pipeline(PipelineConfig(backend="rjieba"))

# Text built from the characters that drive the parsers, plus anything at all.
PIECES = st.sampled_from([
    "“", "”", "‘", "’", '"', "'", "「", "」", "，", ",", "：", ":", "。", "\n", "　　", " ", "、",
    "表示", "说", "认为", "指出", "他", "大家一致表示", "全会提出", "记者", "本报北京5月22日电", "（记者 张  枨）",
    "金水区", "街道办事处", "副主任", "周凯", "区委书记", "一中心、两关键、三重点", "双轮驱动", "“十四五”",
    "培育50家社会组织", "新签约项目15个以上", "增长5%左右", "两千余家", "三成", "10—15家", "高质量发展",
    "营商环境", "摄", "图", "责任编辑", "——", "（两会热议）",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join)


def _check(text: str) -> None:
    parsed = PIPE.parse(Document("h", "<hypothesis>", text, "utf-8"))
    art = parsed.article
    n = len(art.text)
    for p in art.paragraphs:
        assert art.text[p.start:p.end] == p.text
    for item in [*art.statements, *art.term_quotes, *art.slogans, *art.numbers]:
        assert 0 <= item.start <= item.end <= n
        assert art.text[item.start:item.end] == item.text
    for f in parsed.formulations:
        assert art.text[f.start:f.end] == f.term
    for b in art.bylines:
        assert 0 <= b.start <= b.end <= n
    assert len(art.raw_map) in (0, n + 1)
    again = PIPE.parse(Document("h", "<hypothesis>", text, "utf-8"))
    assert again.article.to_dict() == art.to_dict()
    assert [(f.term, f.start) for f in again.formulations] == [(f.term, f.start) for f in parsed.formulations]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_pipeline_on_official_looking_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_pipeline_on_arbitrary_unicode(text: str) -> None:
    _check(text)

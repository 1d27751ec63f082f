"""normalize(): offset map back to the raw text, paragraph boundaries, width folding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tifalab.paths import sample_path
from tifalab.text import cjk_share, ends_sentence, normalize, strip_spaces, unify_punct


def _check_map(raw: str, text: str, raw_map: list[int]) -> None:
    assert len(raw_map) == len(text) + 1
    assert raw_map[-1] == len(raw)
    assert raw_map == sorted(raw_map)
    for i, ch in enumerate(text):
        r = raw[raw_map[i]]
        if ch == "\n":
            assert r in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
        elif ch != r:  # only width folding / space unification may change a char
            assert (0xFF10 <= ord(r) <= 0xFF5A) or r.isspace()


def test_people_daily_layout_crlf_indent_nbsp() -> None:
    raw = "\r\n习近平同卡塔尔埃米尔举行会谈\r\n\r\n\u3000\u3000本报北京１月31日电\xa0（记者杜一菲）国家主席。  \r\n\u3000\u3000第二段。\r\n"
    text, m = normalize(raw)
    assert text == "习近平同卡塔尔埃米尔举行会谈\n本报北京1月31日电 （记者杜一菲）国家主席。\n第二段。"
    _check_map(raw, text, m)
    i = text.index("本报")
    assert raw[m[i] : m[i] + 2] == "本报"


def test_bom_cr_blank_lines_and_fullwidth_latin() -> None:
    raw = "\ufeff标题\r\r\r　　ＧＤＰ增长５％，\u3000继续。\r"
    text, m = normalize(raw)
    assert text == "标题\nGDP增长5％，\u3000继续。"  # ％ and ， are punctuation: kept
    _check_map(raw, text, m)


def test_sample_article_paragraphs() -> None:
    raw = sample_path().read_text(encoding="utf-8")
    text, m = normalize(raw)
    paras = text.split("\n")
    assert len(paras) == 11  # blank lines collapse: 11 real paragraphs
    assert not any(p != p.strip() for p in paras)
    _check_map(raw, text, m)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_never_fails_and_maps(raw: str) -> None:
    text, m = normalize(raw)
    _check_map(raw, text, m)
    assert "\n\n" not in text and text == text.strip("\n")
    assert normalize(raw) == (text, m)


def test_unify_punct_pairs_widths_and_quotes() -> None:
    assert unify_punct('今年以来,市委表示:"一对一"(试点)!') == "今年以来，市委表示：“一对一”（试点）！"
    assert unify_punct("'暖流'") == "‘暖流’"
    s = '甲,乙"丙"'
    assert len(unify_punct(s)) == len(s)


def test_small_helpers() -> None:
    assert strip_spaces("张 \u3000\xa0枨") == "张枨"
    assert ends_sentence("他说。”") and not ends_sentence("展现新担当新作为")
    assert cjk_share("abc") == 0.0 and cjk_share("中文") == 1.0

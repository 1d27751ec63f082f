"""parse_article(): headline, dateline, bylines, photos, paragraph kinds — on real text."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tifalab.anatomy import parse_article, parse_text
from tifalab.io import read_inputs
from tifalab.model import Article, Document, Failure
from tifalab.paths import sample_path, shared_dir
from tifalab.text import strip_spaces

HERE = Path(__file__).parent


def _check_spans(a: Article) -> None:
    for p in a.paragraphs:
        assert a.text[p.start : p.end] == p.text
    for b in a.bylines:
        assert strip_spaces(a.text[b.start : b.end]) == b.name
        assert 0 <= b.paragraph < len(a.paragraphs)
    for ph in a.photos:
        assert a.text[ph.start : ph.end] == a.paragraphs[ph.paragraph].text
        if ph.caption:
            assert ph.caption in a.text[ph.start : ph.end]


def _corpus(name: str) -> Path:
    root = shared_dir()
    path = root / "corpora" / name if root else None
    if path is None or not path.is_dir():
        pytest.skip(f"../shared/corpora/{name} not present (real-data test)")
    return path


# --- the sample against the gold file -------------------------------------------------------


def test_sample_matches_gold() -> None:
    root = shared_dir()
    gold_path = root / "gold" / "zhengzhou_plenary_reactions.json" if root else None
    if gold_path is None or not gold_path.exists():
        pytest.skip("../shared/gold/zhengzhou_plenary_reactions.json not present")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    (doc,) = read_inputs([sample_path()])
    assert isinstance(doc, Document)
    a = parse_article(doc)
    assert a.headline.kicker == gold["headline"]["kicker"]
    assert a.headline.title == gold["headline"]["title"]
    assert a.headline.subtitle is None
    assert [b.name for b in a.bylines if b.role == "reporter"] == gold["reporters"]
    assert [{"caption": p.caption, "photographer": p.photographer} for p in a.photos] == gold["photos"]
    kinds = [p.kind for p in a.paragraphs]
    assert kinds[0] == "body" and kinds[1] == "title" and kinds[-1] == "caption"
    assert kinds[2:-1] == ["body"] * 8  # the eight speaker paragraphs are body
    _check_spans(a)
    # offsets map back to the raw file
    raw = doc.raw_text
    b0 = a.bylines[0]
    assert raw[a.raw_offset(b0.start) : a.raw_offset(b0.end)] == "曹岩峰"


# --- short constructed snippets (layout patterns, no corpus text) ---------------------------


def test_pd_style_dateline_with_spaced_names() -> None:
    raw = "\r\n测试标题\r\n\r\n\u3000\u3000本报北京1月31日电\xa0（记者张\xa0\xa0枨、李四）正文第一句。\r\n\u3000\u3000本报记者\xa0\xa0王\xa0\xa0浩摄\r\n"
    a = parse_article(Document("20200131-01-01", "x", raw, "utf-8", {}, "peoples_daily"))
    assert a.headline.title == "测试标题" and a.headline.kicker is None
    assert a.dateline == "本报北京1月31日电"
    assert [(b.name, b.role) for b in a.bylines] == [("张枨", "reporter"), ("李四", "reporter"), ("王浩", "photographer")]
    assert [p.kind for p in a.paragraphs] == ["title", "body", "caption"]
    _check_spans(a)


def test_plain_two_line_headline_and_editor_lines() -> None:
    a = parse_text("让农村孩子享受高质量教育（履职故事）\n——全国人大代表某某的提案\n新华社北京5月11日电 （记者王亚哲 通讯员李明）正文。\n责任编辑：赵六")
    assert a.headline.title == "让农村孩子享受高质量教育" and a.headline.column == "（履职故事）"
    assert a.headline.subtitle == "——全国人大代表某某的提案"
    assert [(b.name, b.role) for b in a.bylines] == [("王亚哲", "reporter"), ("李明", "correspondent"), ("赵六", "editor")]
    assert [p.kind for p in a.paragraphs] == ["title", "title", "body", "editor"]


def test_byline_only_paragraph_is_not_body() -> None:
    a = parse_text("标题在这里\n本报记者  赵  兵\n正文第一句。正文第二句。")
    assert [p.kind for p in a.paragraphs] == ["title", "byline", "body"]
    assert a.bylines[0].name == "赵兵" and a.bylines[0].org is None  # 本报 = unknown paper here
    pd = parse_article(Document("x", "x", "\n标题\n\n\u3000\u3000本报记者  赵  兵\n\u3000\u3000正文。", "utf-8",
                                {"paper": "人民日报"}, "peoples_daily"))
    assert pd.bylines[0].org == "人民日报"


def test_stub_is_flagged_not_dropped() -> None:
    a = parse_text("广告")
    assert a.is_stub and len(a.paragraphs) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*list("本报记者通讯员摄图责任编辑：（）()电1月日北京张王李\u3000 \xa0\n\r，。“”——【】"), "a", "Ｚ"]), max_size=80) | st.text(max_size=80))
def test_parse_never_raises_and_spans_hold(raw: str) -> None:
    a = parse_text(raw)
    _check_spans(a)
    assert parse_text(raw).to_dict() == a.to_dict()
    pd = parse_article(Document("x", "x", raw, "utf-8", {}, "peoples_daily"))
    _check_spans(pd)


# --- measured accuracy on 50 hand-checked People's Daily articles ---------------------------


def _ws(s: str | None) -> str | None:
    return re.sub(r"\s+", " ", s) if s is not None else None


@pytest.mark.corpus
def test_pd50_title_lines_and_reporters() -> None:
    root = _corpus("peoples_daily_2019_2020")
    expected = json.loads((HERE / "expected" / "pd50_anatomy.json").read_text(encoding="utf-8"))
    fields = ("kicker", "title", "subtitle", "column", "reporters", "correspondents", "photographers")
    checks = right = 0
    misses: list[str] = []
    for exp in expected["articles"]:
        fid = exp["id"]
        path = root / f"{fid[:4]}-{fid[4:6]}" / fid[:8] / f"{fid}.txt"
        (doc,) = read_inputs([path])
        assert isinstance(doc, Document)
        a = parse_article(doc)
        got = {
            "kicker": _ws(a.headline.kicker), "title": _ws(a.headline.title),
            "subtitle": _ws(a.headline.subtitle), "column": a.headline.column,
            "reporters": [b.name for b in a.bylines if b.role == "reporter"],
            "correspondents": [b.name for b in a.bylines if b.role == "correspondent"],
            "photographers": [b.name for b in a.bylines if b.role == "photographer"],
        }
        for f in fields:
            checks += 1
            if got[f] == exp[f]:
                right += 1
            else:
                misses.append(f"{fid} {f}: expected {exp[f]!r}, got {got[f]!r}")
    share = right / checks
    print(f"\nPD50: {right}/{checks} fields right ({share:.1%}); misses: {misses}")
    assert len(expected["articles"]) == 50
    assert share >= 0.98, misses


# --- whole-corpus sweeps: no exception, spans valid ----------------------------------------


@pytest.mark.corpus
def test_people_daily_corpus_parses_without_exception() -> None:
    root = _corpus("peoples_daily_2019_2020")
    t0 = time.perf_counter()
    n = stubs = with_bylines = 0
    failures: list[Failure] = []
    for item in read_inputs([root]):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        a = parse_article(item)
        n += 1
        stubs += a.is_stub
        with_bylines += bool(a.bylines)
        for b in a.bylines:
            assert strip_spaces(a.text[b.start : b.end]) == b.name, (a.id, b)
        assert a.headline.title or a.is_stub or not a.text, a.id
    print(f"\nPD sweep: {n} articles, {stubs} stubs, {with_bylines} with bylines, "
          f"{len(failures)} failures, {time.perf_counter() - t0:.1f} s")
    assert n == 10_294 and not failures


@pytest.mark.corpus
def test_xwlb_corpus_parses_without_exception() -> None:
    root = _corpus("cctv_xinwenlianbo_2022_2026")
    t0 = time.perf_counter()
    n = 0
    failures: list[Failure] = []
    for item in read_inputs([root / "news"]):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        a = parse_article(item)
        n += 1
        assert a.headline.title and strip_spaces(a.headline.title) in strip_spaces(item.meta["title"]), a.id
        for b in a.bylines:
            assert strip_spaces(a.text[b.start : b.end]) == b.name, (a.id, b)
    print(f"\nXWLB sweep: {n} stories, {len(failures)} failures, {time.perf_counter() - t0:.1f} s")
    assert n == 24_102 and not failures

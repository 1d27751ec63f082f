"""Numbered slogans: the sample's gold, shapes that must and must not count, the hand set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tifalab.paths import sample_path, shared_dir
from tifalab.slogans import find_slogans

EXPECTED = Path(__file__).parent / "expected"


def _gold() -> dict:
    shared = shared_dir()
    if shared is None or not (shared / "gold" / "zhengzhou_plenary_reactions.json").exists():
        pytest.skip("../shared/gold not present: gold facts of the sample are not bundled")
    return json.loads((shared / "gold" / "zhengzhou_plenary_reactions.json").read_text("utf-8"))


def test_sample_gives_exactly_the_gold_slogans() -> None:
    text = sample_path().read_text("utf-8")
    got = {s.text: s for s in find_slogans(text)}
    exp = {g["text"]: g for g in _gold()["numbered_slogans"]}
    assert set(got) == set(exp)
    for t, g in exp.items():
        s = got[t]
        assert [list(p) for p in s.parts] == g["parts"]
        assert s.expansion == g.get("expanded_as")
        assert text[s.start : s.end] == s.text


def test_code_takes_parts_from_its_expansion() -> None:
    text = "以“一二二一”的工作思路，以“一个商圈两个园区两条街区一条经济带”为牵引"
    (s,) = find_slogans(text)
    assert s.kind == "code"
    assert s.parts == [(1, "商圈"), (2, "园区"), (2, "街区"), (1, "经济带")]
    assert s.expansion == "一个商圈两个园区两条街区一条经济带"


def test_shapes_half_and_full_width() -> None:
    text = '坚持"一围绕、两服务、三聚力、四统筹"，实施三大行动，增强四个意识，做好“六稳”工作。'
    got = {s.text: s for s in find_slogans(text)}
    assert got["一围绕、两服务、三聚力、四统筹"].parts == [
        (1, "围绕"), (2, "服务"), (3, "聚力"), (4, "统筹")
    ]
    assert got["三大行动"].kind == "numbered_phrase"
    assert got["四个意识"].parts == [(4, "意识")]
    assert got["六稳"].parts == [(6, "稳")]


def test_plans_only_on_request() -> None:
    text = "在“十四五”规划的收官之年和“十五五”谋篇布局之年"
    assert find_slogans(text) == []
    assert [s.kind for s in find_slogans(text, include_plans=True)] == ["plan", "plan"]


@pytest.mark.parametrize(
    "text",
    [
        "一是加强领导，二是完善制度，三是强化督查。",
        "这是一个地方三年来的变化，一些干部一直在一起工作。",
        "统一部署，唯一选择，第一要务，全国第三大城市。",
        "全面贯彻党的十九大和十九届二中、三中、四中全会精神",
        "“五星”支部创建，“一对一”服务，“万人助万企”",
        "发放一只口罩、一支体温计、一张体温监测表",
    ],
)
def test_prose_numbers_are_not_slogans(text: str) -> None:
    assert find_slogans(text) == []


@pytest.mark.corpus
def test_hand_judged_people_daily_set() -> None:
    """Precision and recall on 61 hand-judged candidates (tests/expected/slogans_hand.json)."""
    shared = shared_dir()
    if shared is None or not (shared / "corpora" / "peoples_daily_2019_2020").is_dir():
        pytest.skip("../shared/corpora/peoples_daily_2019_2020 not present (copyrighted, not bundled)")
    items = json.loads((EXPECTED / "slogans_hand.json").read_text("utf-8"))["items"]
    by_file: dict[str, dict[str, dict]] = {}
    for it in items:
        by_file.setdefault(it["file"], {})[it["text"]] = it
    tp = npred = ntrue = found = 0
    for f, judged in by_file.items():
        text = (shared / "corpora" / f).read_text("utf-8", errors="replace")
        pred = {s.text: s for s in find_slogans(text)}
        npred += len(pred)
        for t, s in pred.items():
            if t in judged and judged[t]["slogan"]:
                tp += 1
                assert [list(p) for p in s.parts] == judged[t]["parts"], t
        truths = [t for t, it in judged.items() if it["slogan"]]
        ntrue += len(truths)
        found += sum(1 for t in truths if t in pred)
    # measured 32/35 precision and 32/38 recall; fail on a real regression
    assert tp / npred >= 0.85
    assert found / ntrue >= 0.80

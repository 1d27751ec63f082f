"""`tifalab parse`: the public JSON Lines contract, on the sample and on a corpus slice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tifalab.contract import REQUIRED_KEYS
from tifalab.paths import sample_path, shared_dir


def _parse(*args: str) -> tuple[list[dict], str]:
    r = subprocess.run([sys.executable, "-m", "tifalab.cli", "parse", *args], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()], r.stderr


def test_sample_contract_keys_and_gold_values() -> None:
    (obj,), err = _parse(str(sample_path()))
    assert "1 articles, 0 failed" in err
    for key in REQUIRED_KEYS:
        assert key in obj, key
    assert obj["headline"]["kicker"] == "市委十二届七次全会暨市委经济工作会议精神在全市引发热烈反响"
    assert obj["headline"]["title"] == "在推动高质量发展进程中 展现新担当新作为"
    assert obj["reporters"] == ["曹岩峰", "王翠", "孙志刚", "王军方", "刘地", "刘伟平", "王译博", "王思俊"]
    assert obj["photos"][0]["caption"] == "科创沃土集聚了众多企业、科研院所"
    assert obj["photos"][0]["photographer"] == "马健"
    st = next(s for s in obj["statements"] if s["speaker"]["name"] == "陈卫东" and s["kind"] == "direct")
    assert st["speaker"]["affiliations"] == [
        {"organization": "二七经济技术开发区党工委", "title": "书记"},
        {"organization": "二七经济技术开发区管委会", "title": "主任"}]
    assert st["speaker"]["area"] == "二七经济技术开发区" and st["verb"] == "表示"
    sl = {s["text"]: s for s in obj["slogans"]}
    assert sl["一二二一"]["parts"] == [[1, "商圈"], [2, "园区"], [2, "街区"], [1, "经济带"]]
    assert sl["一二二一"]["speaker"] == "张红军"
    num = next(n for n in obj["numbers"] if n["object"] == "社会组织")
    assert (num["value"], num["unit"], num["kind"], num["speaker"]) == (50, "家", "target", "弓书亮")
    # every span reproduces its text in the normalized text rebuilt from paragraphs
    text = ["\n"] * max(p["end"] for p in obj["paragraphs"])
    for p in obj["paragraphs"]:
        text[p["start"]:p["end"]] = list(p["text"])
    full = "".join(text)
    for key in ("statements", "term_quotes", "slogans", "numbers"):
        for item in obj[key]:
            assert full[item["start"]:item["end"]] == item["text"], (key, item["text"])


def test_output_file_is_written_atomically_and_failures_reported(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = subprocess.run([sys.executable, "-m", "tifalab.cli", "parse", str(sample_path()), str(bad), "-o", str(out),
                        "--strict"], capture_output=True, text=True)
    assert r.returncode == 1  # --strict with a failure
    assert f"failed: {bad}: empty file" in r.stderr
    assert len(out.read_text("utf-8").splitlines()) == 1


@pytest.mark.corpus
@pytest.mark.skipif(shared_dir() is None, reason="../shared corpora not present")
def test_contract_on_a_peoples_daily_day_and_xwlb_file() -> None:
    shared = shared_dir()
    assert shared is not None
    day = shared / "corpora/peoples_daily_2019_2020/2020-05/20200522"
    xwlb = shared / "corpora/cctv_xinwenlianbo_2022_2026/news/20240301.md"
    objs, err = _parse(str(day), str(xwlb))
    assert "0 failed" in err
    assert len(objs) == len(list(day.glob("*.txt"))) + sum(1 for o in objs if o["layout"] == "xwlb")
    assert {o["layout"] for o in objs} == {"peoples_daily", "xwlb"}
    assert len({o["id"] for o in objs}) == len(objs)
    assert sum(len(o["statements"]) for o in objs) > 50

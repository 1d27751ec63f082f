"""read_inputs(): encodings, layouts, folders and failures (never raising)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tifalab.io import decode_bytes, read_inputs
from tifalab.model import Document, Failure
from tifalab.paths import sample_path, shared_dir

ZH = "市委十二届七次全会暨市委经济工作会议召开后，会议精神在全市各开发区、城区广大党员干部中引发热烈反响。\n"


def _one(path: Path, **kw: object) -> Document | Failure:
    items = list(read_inputs([path], **kw))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ZH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ZH.encode("utf-8"), "utf-8-sig"),
        (ZH.encode("utf-16"), "utf-16"),  # with BOM
        (b"\xfe\xff" + ZH.encode("utf-16-be"), "utf-16"),
        (ZH.encode("gbk"), "gb18030"),
        ((ZH + "䶮㐀").encode("gb18030"), "gb18030"),  # chars outside GBK
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    doc = _one(f)
    assert isinstance(doc, Document)
    assert doc.encoding == encoding
    assert doc.raw_text.lstrip("\ufeff").startswith("市委十二届")


def test_truncated_utf8_is_a_failure_with_byte_offset(tmp_path: Path) -> None:
    data = ZH.encode("utf-8") + "郑州".encode()[:4]  # the file ends inside 州
    f = tmp_path / "cut.txt"
    f.write_bytes(data)
    fail = _one(f)
    assert isinstance(fail, Failure)
    off = len(ZH.encode("utf-8")) + 3
    assert str(f) in fail.reason and f"offset {off}" in fail.reason
    assert "\n" not in fail.reason


def test_bad_byte_in_the_middle_of_utf8(tmp_path: Path) -> None:
    good = ZH.encode("utf-8")
    f = tmp_path / "bad.txt"
    f.write_bytes(good + b"\xff" + good)
    fail = _one(f)
    assert isinstance(fail, Failure) and f"offset {len(good)}" in fail.reason
    with pytest.raises(ValueError):
        decode_bytes(good + b"\xff")


def test_random_binary_is_not_taken_for_gb18030(tmp_path: Path) -> None:
    f = tmp_path / "blob.txt"
    f.write_bytes(bytes(range(128, 256)) * 20)
    assert isinstance(_one(f), Failure)


def test_people_daily_name_gives_meta(tmp_path: Path) -> None:
    f = tmp_path / "20200102-06-02.txt"
    f.write_bytes("\r\n国家地下水监测工程收官\r\n\r\n\u3000\u3000正文。\r\n".encode())
    doc = _one(f)
    assert isinstance(doc, Document)
    assert doc.layout == "peoples_daily" and doc.id == "20200102-06-02"
    assert doc.meta == {"paper": "人民日报", "date": "2020-01-02", "page": 6, "order": 2}


def test_folder_walk_skips_hidden_docs_and_unknown_extensions(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "README.md").write_text("# readme", encoding="utf-8")
    (tmp_path / "PROVENANCE.md").write_text("# where from", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([tmp_path]))
    assert [d.id for d in items if isinstance(d, Document)] == ["a", "x"]
    # a file of another type is not read but accounted for (stage "skipped"); docs and hidden files are not
    failures = [d for d in items if isinstance(d, Failure)]
    assert [(Path(f.source).name, f.stage) for f in failures] == [("image.png", "skipped")]


def test_duplicate_ids_get_suffixes(tmp_path: Path) -> None:
    for sub in ("one", "two", "three"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(ZH, encoding="utf-8")
    ids = [d.id for d in read_inputs([tmp_path]) if isinstance(d, Document)]
    assert ids == ["same", "same~2", "same~3"]


def test_empty_folder_missing_path_and_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    items = list(read_inputs([tmp_path / "empty", tmp_path / "nope.txt", tmp_path / "blank.txt"]))
    assert all(isinstance(i, Failure) for i in items) and len(items) == 3
    assert "holds no article" in items[0].reason
    assert "no such file" in items[1].reason
    assert "empty file" in items[2].reason


def test_symlink_loop_becomes_failure(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(ZH, encoding="utf-8")
    os.symlink(d, d / "loop")
    os.symlink("self2.txt", d / "self2.txt")  # a file symlink pointing at itself
    items = list(read_inputs([d]))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [x.id for x in docs] == ["a"]
    assert any("symlink loop" in f.reason for f in fails)
    assert any("self2.txt" in f.reason for f in fails)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission bits")
def test_unreadable_file_is_failure(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(ZH, encoding="utf-8")
    f.chmod(0)
    try:
        fail = _one(f)
        assert isinstance(fail, Failure) and "cannot read" in fail.reason
    finally:
        f.chmod(0o644)


def test_jsonl_broken_line_names_line_and_others_still_read(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ZH, "date": "2024-01-02", "paper": "郑州日报", "page": "3"}, ensure_ascii=False),
        '{"id": "a2", "text": "broken',
        json.dumps({"text": ZH, "title": "标题"}, ensure_ascii=False),
        json.dumps({"headline": ZH}, ensure_ascii=False),
        json.dumps({"body": ZH}, ensure_ascii=False),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([f]))
    assert isinstance(items[0], Document) and items[0].id == "a1"
    assert items[0].meta == {"date": "2024-01-02", "paper": "郑州日报", "page": 3}
    assert isinstance(items[1], Failure) and "line 2" in items[1].reason and str(f) in items[1].reason
    assert isinstance(items[2], Document) and items[2].id == "feed-3" and items[2].meta["title"] == "标题"
    assert isinstance(items[3], Failure) and "line 4" in items[3].reason and "fields: headline" in items[3].reason
    # with the default text column, 'full_text', 'content', 'body', '正文', '内容' are fallbacks
    assert isinstance(items[4], Document) and items[4].raw_text == ZH


def test_csv_text_column_and_missing_column(tmp_path: Path) -> None:
    ok = tmp_path / "ok.csv"
    ok.write_text("id,date,正文x,text\nr1,2024-05-01,,第一篇。\nr2,2024-05-02,,第二篇。\n", encoding="utf-8")
    docs = list(read_inputs([ok]))
    assert [d.id for d in docs] == ["r1", "r2"]
    assert docs[0].meta["date"] == "2024-05-01" and docs[0].layout == "csv"
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    fail = _one(bad)
    assert isinstance(fail, Failure)
    assert "'text'" in fail.reason and "columns: a, b" in fail.reason
    custom = _one(bad, text_column="b")
    assert isinstance(custom, Document) and custom.raw_text == "2"


def test_html_extraction_and_navigation_only_page(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    body = "".join(f"<p>{ZH.strip()}第{i}段。</p>" for i in range(4))
    page.write_text(
        f'<html><head><title>市委全会精神引发热烈反响</title><meta name="date" content="2024-12-20"></head>'
        f"<body><nav><a href='/'>首页</a></nav><article><h1>市委全会精神引发热烈反响</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    doc = _one(page)
    assert isinstance(doc, Document) and doc.layout == "html"
    assert doc.meta["title"] == "市委全会精神引发热烈反响" and doc.meta["date"] == "2024-12-20"
    assert "第3段" in doc.raw_text
    nav = tmp_path / "nav.htm"
    nav.write_text("<html><body><nav><a href='/a'>首页</a> <a href='/b'>新闻</a></nav></body></html>", encoding="utf-8")
    fail = _one(nav)
    assert isinstance(fail, Failure) and "no article text" in fail.reason


def test_xwlb_synthetic_day(tmp_path: Path) -> None:
    f = tmp_path / "20240615.md"
    f.write_text(
        "# 《新闻联播》（20240615）\n\n## 新闻摘要\n\n1.甲；\n\n## 详细新闻\n\n### 标题一\n\n<!--repaste.body.begin-->\n\n"
        "**央视网消息**（新闻联播）：正文一。\n\n<!--repaste.body.end-->\n\n[查看原文](https://tv.cctv.com/x.shtml)\n\n"
        "### 标题二\n\n正文二。\n",
        encoding="utf-8",
    )
    docs = list(read_inputs([f]))
    assert [d.id for d in docs] == ["xwlb-20240615-01", "xwlb-20240615-02"]
    assert docs[0].meta == {"paper": "新闻联播", "title": "标题一", "order": 1, "date": "2024-06-15",
                            "url": "https://tv.cctv.com/x.shtml"}
    assert docs[0].raw_text == "标题一\n\n央视网消息（新闻联播）：正文一。\n"
    assert docs[1].source.endswith("20240615.md#2")


def test_sample_reads_as_plain() -> None:
    doc = _one(sample_path())
    assert isinstance(doc, Document) and doc.layout == "plain" and doc.encoding == "utf-8"


def test_gov_work_reports_read_one_document_per_report() -> None:
    root = shared_dir()
    folder = root / "corpora" / "gov_work_reports_2026_provinces" if root else None
    if folder is None or not folder.is_dir():
        pytest.skip("../shared/corpora/gov_work_reports_2026_provinces not present")
    csvs = sorted(folder.glob("2026_*_政府工作报告.csv"))
    docs = [d for d in read_inputs(csvs) if isinstance(d, Document)]
    assert len(docs) == len(csvs) == 31
    sh = next(d for d in docs if d.id == "2026_上海市_政府工作报告")
    assert sh.meta["date"] == "2026-02-09" and sh.meta["province"] == "上海市"
    assert len(sh.raw_text) > 10_000
    # the folder's manifest has no text column: a named Failure, not an exception
    manifest = [i for i in read_inputs([folder / "run_manifest_2026.csv"])]
    assert isinstance(manifest[0], Failure) and "columns: province" in manifest[0].reason

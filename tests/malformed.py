"""Generate the malformed test corpus (issue: robust on bad input).

Why generated: binary, large and permission-bearing files do not belong in git. Each entry
says what the build must do with it: ``parsed`` (read and parsed, possibly flagged) or
``failed`` (listed in the manifest with a reason containing ``expect``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ARTICLE = (
    "\n市委全会精神在全市引发热烈反响\n"
    "　　本报讯（记者 张三 李四）“全会提出了新部署，深感责任重大。”金水区凤凰台街道办事处副主任周凯表示，"
    "下一步将培育50家社会组织，按照“一中心、两关键、三重点”工作思路推动高质量发展。\n"
)


@dataclass
class Case:
    name: str  # file or folder name under the corpus root
    expect: str  # parsed | failed
    reason: str = ""  # substring expected in the failure reason


def make_corpus(root: Path, big_mb: int = 50) -> list[Case]:
    """Write at least 20 malformed inputs under ``root``; return what each must become."""
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes, expect: str, reason: str = "") -> None:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        cases.append(Case(name, expect, reason))

    put("good.txt", ARTICLE.encode("utf-8"), "parsed")
    put("empty.txt", b"", "failed", "empty")
    put("whitespace.txt", " \n\u3000\n\t\r\n".encode(), "failed", "empty")
    put("binary.txt", bytes(range(256)) * 64, "failed", "byte")
    put("gbk.txt", ARTICLE.encode("gbk"), "parsed")
    put("gb18030.txt", (ARTICLE + "𠀀").encode("gb18030"), "parsed")
    put("utf16.txt", ARTICLE.encode("utf-16"), "parsed")
    put("utf8_bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "parsed")
    trunc = ARTICLE.encode("utf-8")
    put("truncated_utf8.txt", trunc[:40] + "中".encode()[:2] + trunc[40:80], "failed", "byte")
    put("unbalanced_quotes.txt", ("“全会提出要推动高质量发展，周凯表示将培育50家社会组织。" * 20).encode(), "parsed")
    nested = "“" * 10 + "深度嵌套的引语" + "”" * 10 + "周凯表示。"
    put("nested_quotes.txt", (nested * 5).encode(), "parsed")
    put("nav_only.html", ("<html><head><title>nav</title></head><body><nav><a href='/'>首页</a>"
        "<a href='/a'>新闻</a></nav></body></html>").encode(), "failed", "no article text")
    put("no_text_col.csv", "id,title,date\n1,标题,2020-01-01\n".encode(), "failed", "text")
    lines = [json.dumps({"id": "j1", "text": ARTICLE}, ensure_ascii=False), "{broken json",
             json.dumps({"id": "j3", "text": ARTICLE}, ensure_ascii=False)]
    put("broken.jsonl", "\n".join(lines).encode(), "failed", "line 2")
    put("dup_a/same.txt", ARTICLE.encode(), "parsed")
    put("dup_b/same.txt", ARTICLE.encode(), "parsed")
    put("only_punct.txt", "，。、；：？！“”《》".encode(), "parsed")
    put("crlf_cr.txt", ARTICLE.replace("\n", "\r").encode(), "parsed")
    put("control_chars.txt", ("\x00\x07" + ARTICLE).encode(), "failed", "NUL")
    put("huge_line.txt", ("推动高质量发展" * 20000).encode(), "parsed")
    # a 50 MB article (one file)
    big = root / "big_article.txt"
    para = ("　　“全会提出新要求。”区长王五表示，将新增48个项目，推动营商环境持续优化。"
            + "今年以来，全区上下坚持稳中求进工作总基调，经济运行总体平稳，发展质量稳步提升。" * 12
            + "\n").encode()
    with open(big, "wb") as fh:
        fh.write(ARTICLE.encode())
        written = 0
        while written < big_mb * 1024 * 1024:
            fh.write(para)
            written += len(para)
    cases.append(Case("big_article.txt", "parsed"))
    # unreadable (permissions): root can read anything, so the test checks the effective result
    locked = root / "locked.txt"
    locked.write_bytes(ARTICLE.encode())
    locked.chmod(0)
    cases.append(Case("locked.txt", "failed" if not os.access(locked, os.R_OK) else "parsed", "permission"))
    # a symlink loop and a folder without articles
    loop = root / "loop"
    loop.mkdir(exist_ok=True)
    link = loop / "again"
    if not link.exists() and not link.is_symlink():
        link.symlink_to(loop, target_is_directory=True)
    cases.append(Case("loop/again", "failed", "symlink"))
    (root / "no_articles").mkdir(exist_ok=True)
    (root / "no_articles" / "notes.bin").write_bytes(b"\x00\x01")
    cases.append(Case("no_articles", "failed", "no article"))
    return cases

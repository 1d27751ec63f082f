"""Readers: files and folders in, :class:`~tifalab.model.Document` or :class:`Failure` out.

Why a generator of ``Document | Failure``: a research corpus always holds a few broken files; a
reader that raises loses the whole run, one that skips silently biases the sample. Every input
therefore yields either documents or one ``Failure`` whose one-line reason names the file and,
where it applies, the line number or the byte offset.

Folders are walked recursively in sorted order (deterministic ids and order). Hidden files and
folders (name starting with ``.``) are skipped, and only files with a known extension are read
(:data:`KNOWN_EXTENSIONS`); files whose name starts with README, PROVENANCE, LICENSE, LICENCE,
COPYING, CHANGELOG, NOTICE, AUTHORS, CONTRIBUTING or PROJECT_REVIEW (case-insensitive) are corpus
documentation and are skipped *inside folders*. A file named explicitly is always read.

Layouts (``READERS``; ``layout="auto"`` picks one per file):

* ``peoples_daily`` — ``YYYYMMDD-PP-NN.txt`` files of the People's Daily e-paper crawl;
  id = file stem, meta ``date`` (YYYY-MM-DD), ``page``, ``order`` (ints), ``paper`` 人民日报.
* ``xwlb`` — 新闻联播 day files ``YYYYMMDD.md``; one Document per ``### `` story under
  ``## 详细新闻``; id ``xwlb-YYYYMMDD-NN`` (NN = 1-based story number), source ``path#NN``;
  ``raw_text`` is the story title line, a blank line, then the body paragraphs with the Markdown
  markup removed (``**``, HTML comments, the ``[查看原文](url)`` link, which goes to meta ``url``).
* ``html`` — ``.html``/``.htm`` via trafilatura (offline; title, date and body text); a page
  with no body text is a Failure "no article text".
* ``jsonl`` — one JSON object per line; ``csv`` — one row per document. The text comes from
  ``text_column`` (default ``text``; when the default is absent the first of ``full_text``,
  ``content``, ``body``, ``正文``, ``内容`` present is used, which reads the 2026 provincial
  government work reports, one report per row, as one document each). Metadata columns
  ``date`` (or ``publish_date``), ``paper``, ``page``, ``url`` (or ``source_url``), ``title``,
  ``id`` are kept in ``meta``, other columns too, as strings.
* ``plain`` — anything else: one article per file, id = file stem.

Ids are stable and unique within one call: the natural id (file stem, row/line id, story id);
when an id repeats within the run, the second occurrence becomes ``<id>~2``, the third ``<id>~3``
and so on (order is deterministic, so the suffixes are too).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tifalab.model import Document, Failure
from tifalab.text import is_cjk

KNOWN_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
DOC_PREFIXES = (
    "README",
    "PROVENANCE",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CHANGELOG",
    "NOTICE",
    "AUTHORS",
    "CONTRIBUTING",
    "PROJECT_REVIEW",
)
TEXT_COLUMN_FALLBACKS = ("full_text", "content", "body", "正文", "内容")
META_ALIASES = {
    "date": ("date", "publish_date", "pub_date", "日期"),
    "paper": ("paper", "outlet", "报纸"),
    "page": ("page", "版次"),
    "url": ("url", "source_url", "link"),
    "title": ("title", "标题"),
    "id": ("id", "doc_id"),
}

_PD_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{2})$")
_XWLB_NAME = re.compile(r"^(\d{8})$")

Reader = Callable[..., Iterator[Document | Failure]]


class DecodeError(ValueError):
    """Bytes that are neither UTF-8, UTF-16/32 with BOM nor GB18030 Chinese text."""

    def __init__(self, offset: int, detail: str) -> None:
        super().__init__(detail)
        self.offset = offset
        self.detail = detail


# --- decoding ------------------------------------------------------------------------------


def _looks_chinese(text: str) -> bool:
    """Guard for the GB18030 fallback: almost any byte string decodes as GB18030.

    Real Chinese text is mostly CJK among its non-ASCII characters, and most of its characters
    are GB2312 level-1 (the 3,755 common hanzi, lead bytes 0xB0-0xD7); mojibake (e.g. UTF-8 bytes
    read as GB18030) lands in the rare level-2 / extension rows.
    """
    non_ascii = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not non_ascii:
        return True
    cjk = [c for c in non_ascii if is_cjk(c)]
    if len(cjk) < 0.6 * len(non_ascii):
        return False
    common = 0
    for c in cjk:
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if 0xB0 <= b[0] <= 0xD7:
            common += 1
    return common >= 0.5 * len(cjk)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` strictly; return ``(text, encoding)`` or raise :class:`DecodeError`.

    Order: BOM (UTF-8, UTF-32, UTF-16), strict UTF-8, then strict GB18030 accepted only if the
    result looks like Chinese text. The error offset is that of the first invalid byte under
    UTF-8, the encoding a modern file is most likely meant to be in.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(e.start, f"invalid UTF-8 (after BOM) at byte {e.start}") from e
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError(e.start, f"invalid {enc.upper()} at byte {e.start}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        bad = e.start
    # A long valid UTF-8 prefix with Chinese in it means a damaged UTF-8 file, not GBK.
    prefix = data[:bad].decode("utf-8")
    if sum(1 for c in prefix if ord(c) > 127) < 8:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_chinese(text):
            return text, "gb18030"
    raise DecodeError(bad, f"not UTF-8, UTF-16 or GB18030 text: invalid UTF-8 byte at offset {bad}")


# --- layout readers ------------------------------------------------------------------------


def _read_plain(path: Path, text: str, encoding: str, **_: Any) -> Iterator[Document | Failure]:
    yield Document(id=path.stem, source=str(path), raw_text=text, encoding=encoding,
                   meta={}, layout="plain")


def _read_peoples_daily(path: Path, text: str, encoding: str, **_: Any) -> Iterator[Document | Failure]:
    meta: dict[str, Any] = {"paper": "人民日报"}
    m = _PD_NAME.match(path.stem)
    if m:
        y, mo, d, page, order = m.groups()
        meta.update(date=f"{y}-{mo}-{d}", page=int(page), order=int(order))
    yield Document(id=path.stem, source=str(path), raw_text=text, encoding=encoding,
                   meta=meta, layout="peoples_daily")


_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK_ORIG = re.compile(r"\[查看原文\]\((?P<url>[^)\s]*)\)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _read_xwlb(path: Path, text: str, encoding: str, **_: Any) -> Iterator[Document | Failure]:
    """Split a 新闻联播 day file into stories (see the module docstring)."""
    day = path.stem
    date = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if _XWLB_NAME.match(day) else None
    lines = text.splitlines()
    start = 0
    for i, line in enumerate(lines):
        if line.strip().startswith("## 详细新闻"):
            start = i + 1
            break
    stories: list[tuple[str, list[str]]] = []
    for line in lines[start:]:
        if line.startswith("### "):
            stories.append((line[4:].strip(), []))
        elif stories:
            stories[-1][1].append(line)
    if not stories:
        yield Failure(str(path), f"{path}: no '### ' stories under '## 详细新闻'")
        return
    for n, (title, body_lines) in enumerate(stories, start=1):
        body = "\n".join(body_lines)
        url = None
        m = _MD_LINK_ORIG.search(body)
        if m:
            url = m.group("url")
        body = _MD_LINK_ORIG.sub("", _MD_COMMENT.sub("", body))
        body = _MD_BOLD.sub(r"\1", body)
        meta: dict[str, Any] = {"paper": "新闻联播", "title": title, "order": n}
        if date:
            meta["date"] = date
        if url:
            meta["url"] = url
        sid = f"xwlb-{day}-{n:02d}"
        yield Document(id=sid, source=f"{path}#{n}", raw_text=f"{title}\n\n{body.strip()}\n",
                       encoding=encoding, meta=meta, layout="xwlb")


def _read_html(path: Path, text: str, encoding: str, **_: Any) -> Iterator[Document | Failure]:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    try:
        res = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as e:  # trafilatura raises a variety of lxml errors on junk
        yield Failure(str(path), f"{path}: HTML extraction failed ({type(e).__name__}: {e})")
        return
    body = (getattr(res, "text", None) or "").strip() if res is not None else ""
    # trafilatura falls back to any visible text; navigation alone is short link labels
    if not body or max(len(line.strip()) for line in body.splitlines()) < 20:
        yield Failure(str(path), f"{path}: no article text")
        return
    meta: dict[str, Any] = {}
    for key in ("title", "date", "url", "sitename"):
        v = getattr(res, key, None)
        if v:
            meta["paper" if key == "sitename" else key] = v
    yield Document(id=path.stem, source=str(path), raw_text=body, encoding=encoding, meta=meta,
                   layout="html")


def _meta_from(record: dict[str, Any], text_key: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    used: set[str] = {text_key}
    for key, aliases in META_ALIASES.items():
        for a in aliases:
            if a in record and record[a] not in (None, ""):
                meta[key] = record[a]
                used.add(a)
                break
    for k, v in record.items():
        if k not in used and k is not None and v not in (None, ""):
            meta.setdefault(str(k), v)
    if "page" in meta:
        with contextlib.suppress(TypeError, ValueError):
            meta["page"] = int(meta["page"])
    return meta


def _pick_text_column(columns: Sequence[str], text_column: str) -> str | None:
    if text_column in columns:
        return text_column
    if text_column == "text":
        for c in TEXT_COLUMN_FALLBACKS:
            if c in columns:
                return c
    return None


def _read_jsonl(path: Path, text: str, encoding: str, *, text_column: str = "text",
                **_: Any) -> Iterator[Document | Failure]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(f"{path}#{lineno}", f"{path}: line {lineno}: invalid JSON ({e.msg}, column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield Failure(f"{path}#{lineno}", f"{path}: line {lineno}: not a JSON object")
            continue
        col = _pick_text_column(list(obj), text_column)
        if col is None or not isinstance(obj[col], str):
            yield Failure(f"{path}#{lineno}", f"{path}: line {lineno}: no string field '{text_column}' "
                          f"(fields: {', '.join(map(str, obj))})")
            continue
        meta = _meta_from(obj, col)
        did = str(meta.pop("id", f"{path.stem}-{lineno}"))
        yield Document(id=did, source=f"{path}#{lineno}", raw_text=obj[col], encoding=encoding,
                       meta=meta, layout="jsonl")


def _read_csv(path: Path, text: str, encoding: str, *, text_column: str = "text",
              **_: Any) -> Iterator[Document | Failure]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        yield Failure(str(path), f"{path}: empty CSV")
        return
    except csv.Error as e:
        yield Failure(str(path), f"{path}: line 1: bad CSV header ({e})")
        return
    header = [h.lstrip("\ufeff").strip() for h in header]
    col = _pick_text_column(header, text_column)
    if col is None:
        yield Failure(str(path), f"{path}: no text column '{text_column}' (columns: {', '.join(header)})")
        return
    rows: list[tuple[int, dict[str, Any]]] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield Failure(str(path), f"{path}: line {reader.line_num}: bad CSV ({e})")
            return
        if not any(cell.strip() for cell in row):
            continue
        rows.append((reader.line_num, dict(zip(header, row, strict=False))))
    if not rows:
        yield Failure(str(path), f"{path}: CSV has a header but no rows")
        return
    for n, (line_num, rec) in enumerate(rows, start=1):
        body = rec.get(col) or ""
        meta = _meta_from(rec, col)
        default_id = path.stem if len(rows) == 1 else f"{path.stem}-{n}"
        did = str(meta.pop("id", default_id))
        if not body.strip():
            yield Failure(f"{path}#{n}", f"{path}: line {line_num}: empty '{col}'")
            continue
        yield Document(id=did, source=f"{path}#{n}", raw_text=body, encoding=encoding, meta=meta,
                       layout="csv")


READERS: dict[str, Reader] = {
    "plain": _read_plain,
    "peoples_daily": _read_peoples_daily,
    "xwlb": _read_xwlb,
    "html": _read_html,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
}


def detect_layout(path: Path, text: str) -> str:
    """Pick a reader from the file name and, for ``.md``, the first heading."""
    ext = path.suffix.lower()
    if ext in (".html", ".htm"):
        return "html"
    if ext == ".jsonl":
        return "jsonl"
    if ext == ".csv":
        return "csv"
    if ext == ".md" and ("《新闻联播》" in text[:200] or "## 详细新闻" in text):
        return "xwlb"
    if ext == ".txt" and _PD_NAME.match(path.stem):
        return "peoples_daily"
    return "plain"


# --- walking -------------------------------------------------------------------------------


def _is_doc_file(name: str) -> bool:
    return name.upper().startswith(DOC_PREFIXES)  # one C call for the whole tuple


def _read_file(path: Path, layout: str, text_column: str) -> Iterator[Document | Failure]:
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Failure(str(path), f"{path}: cannot read ({e.strerror or e})")
        return
    if not data.strip():
        yield Failure(str(path), f"{path}: empty file")
        return
    try:
        text, enc = decode_bytes(data)
    except DecodeError as e:
        yield Failure(str(path), f"{path}: {e.detail}")
        return
    if not text.strip():
        yield Failure(str(path), f"{path}: empty file (whitespace only, {enc})")
        return
    nul = text.find("\x00")
    if nul >= 0:
        yield Failure(str(path), f"{path}: binary data (NUL character at text offset {nul})")
        return
    name = detect_layout(path, text) if layout == "auto" else layout
    reader = READERS.get(name)
    if reader is None:
        yield Failure(str(path), f"{path}: unknown layout '{name}' (known: {', '.join(READERS)})")
        return
    try:
        yield from reader(path, text, enc, text_column=text_column)
    except Exception as e:  # a reader bug must not end the run
        yield Failure(str(path), f"{path}: {name} reader failed ({type(e).__name__}: {e})")


def read_inputs(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    text_column: str = "text",
    layout: str = "auto",
) -> Iterator[Document | Failure]:
    """Yield a Document for every article (or a Failure) found in ``paths``.

    ``paths``: files and/or folders (a single path is accepted too). Never raises for bad
    input; see the module docstring for folder walking, layouts and ids.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if layout != "auto" and layout not in READERS:
        yield Failure("<args>", f"unknown layout '{layout}' (known: auto, {', '.join(READERS)})")
        return
    seen_ids: dict[str, int] = {}

    def unique(item: Document | Failure) -> Document | Failure:
        if isinstance(item, Document):
            n = seen_ids.get(item.id, 0) + 1
            seen_ids[item.id] = n
            if n > 1:
                item.id = f"{item.id}~{n}"
                seen_ids.setdefault(item.id, 1)
        return item

    for entry in list_inputs(paths):
        if isinstance(entry, Failure):
            yield entry
            continue
        for item in _read_file(entry, layout, text_column):
            yield unique(item)


def list_inputs(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterator[Path | Failure]:
    """Every input file ``read_inputs`` would read, in the same order, or a Failure.

    Why: the corpus build hashes and caches per file, so it needs the file list before reading.
    Failures: missing paths, unlistable folders, symlink loops, and folders (top-level or
    nested) that hold no article file at all; files with other extensions inside folders are
    reported with stage ``skipped`` so the manifest accounts for them too.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
            exists = path.exists()
        except OSError as e:
            yield Failure(str(path), f"{path}: cannot stat ({e.strerror or e})")
            continue
        if is_dir:
            yield from _list_folder(path, set())
        elif exists:
            yield path
        elif path.is_symlink():
            yield Failure(str(path), f"{path}: broken or looping symlink")
        else:
            yield Failure(str(path), f"{path}: no such file or folder")


def _list_folder(folder: Path, seen: set[str]) -> Iterator[Path | Failure]:
    """Like ``_walk`` but also reports article-less folders and skipped files."""
    found = 0
    items: list[Path | Failure] = []
    try:
        real = os.path.realpath(folder)
        if real in seen:
            yield Failure(str(folder), f"{folder}: symlink loop (already visited {real})")
            return
        seen.add(real)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield Failure(str(folder), f"{folder}: cannot list folder ({e.strerror or e})")
        return
    for ent in entries:
        if ent.name.startswith("."):
            continue
        p = Path(ent.path)
        try:
            is_dir, is_file = ent.is_dir(), ent.is_file()
        except OSError as e:
            items.append(Failure(str(p), f"{p}: cannot stat ({e.strerror or e})"))
            continue
        if is_dir:
            for sub in _list_folder(p, seen):
                if isinstance(sub, Path):
                    found += 1
                items.append(sub)
        elif is_file:
            if p.suffix.lower() in KNOWN_EXTENSIONS and not _is_doc_file(ent.name):
                found += 1
                items.append(p)
            elif not _is_doc_file(ent.name):
                items.append(Failure(str(p), f"{p}: skipped: not an article file type "
                                     f"(known: {' '.join(KNOWN_EXTENSIONS)})", "skipped"))
        elif ent.is_symlink():
            items.append(Failure(str(p), f"{p}: broken or looping symlink"))
    yield from items
    if found == 0:
        yield Failure(str(folder), f"{folder}: folder holds no article file "
                      f"(looked for {' '.join(KNOWN_EXTENSIONS)})")

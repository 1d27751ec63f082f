"""Load word lists kept as data files under ``data/lexicons`` (or a researcher's own folder).

Why a loader of its own: lexicons are edited by hand by researchers on any platform, so a file
may carry a BOM, CRLF line ends or trailing blanks, and a silent mismatch (the classic jieba
user-dictionary failure) would quietly change results. Every lexicon is read through these two
functions, which strip all of that, skip ``#`` comments and cache by path so that a corpus run
reads each file once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tifalab.paths import data_dir

__all__ = ["lexicon_file", "load_table", "load_terms"]


def lexicon_file(name: str, lexicon_dir: Path | str | None = None) -> Path:
    """Path of lexicon ``name`` in ``lexicon_dir`` (default: the bundled ``data/lexicons``).

    A custom folder that lacks the file falls back to the bundled one, so a researcher can
    override a single list without copying all of them.
    """
    if lexicon_dir is not None:
        cand = Path(lexicon_dir) / name
        if cand.is_file():
            return cand
    return data_dir() / "lexicons" / name


def _clean_lines(path: Path) -> list[str]:
    raw = path.read_bytes().decode("utf-8-sig")
    out: list[str] = []
    for line in raw.splitlines():
        line = line.replace("\ufeff", "").rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line)
    return out


@cache
def load_table(path: Path) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon (comments, blank lines, BOM and CRLF removed).

    Cells are stripped; a row keeps as many cells as it has (callers pad as they need).
    """
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _clean_lines(path))


@cache
def load_terms(path: Path) -> tuple[str, ...]:
    """Terms of a one-term-per-line lexicon, in file order, duplicates removed.

    For a TSV file the first column is the term.
    """
    terms = (row[0] for row in load_table(path) if row and row[0])
    return tuple(dict.fromkeys(terms))

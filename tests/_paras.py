"""Tiny paragraph splitter for the statement tests (the lead switches to tifalab.anatomy later).

Normalizes CRLF to LF, splits on newlines, strips leading U+3000/space indentation and records
offsets into the normalized text, so tests can run before the anatomy module exists.
"""

from __future__ import annotations

from tifalab.model import Paragraph


def normalize(raw: str) -> str:
    """CRLF/CR -> LF and BOM removed; nothing else changes."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> list[Paragraph]:
    """One body Paragraph per non-blank line, offsets into ``text``."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and text[a] in " \u3000\t":
            a += 1
        while b > a and text[b - 1] in " \u3000\t":
            b -= 1
        if a < b:
            out.append(Paragraph(index=len(out), text=text[a:b], start=a, end=b))
    return out

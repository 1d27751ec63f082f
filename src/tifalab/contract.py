"""The public JSON contract of ``tifalab parse`` (one object per article).

Why a separate module: other tools and other languages consume this stream, so its keys are
stable and documented in docs/schema.md ("JSON contract"). New keys may be added; existing keys
never change meaning. ``CONTRACT_VERSION`` rises when keys are added.
"""

from __future__ import annotations

from typing import Any

from tifalab.model import Article, Speaker
from tifalab.pipeline import Parsed

CONTRACT_VERSION = 1
REQUIRED_KEYS = (
    "id", "source", "headline", "dateline", "reporters", "correspondents", "photos",
    "paragraphs", "statements", "term_quotes", "slogans", "numbers",
)


def _speaker(sp: Speaker) -> dict[str, Any]:
    return {
        "name": sp.name,
        "mention": sp.mention,
        "affiliations": [{"organization": a.organization, "title": a.title} for a in sp.affiliations],
        "area": sp.area,
        "role_suffix": sp.role_suffix,
        "kind": sp.kind,
        "rank": sp.rank,
        "speaker_id": sp.speaker_id,
    }


def article_json(parsed: Parsed | Article) -> dict[str, Any]:
    """The contract object of one article."""
    art = parsed.article if isinstance(parsed, Parsed) else parsed
    formulations = parsed.formulations if isinstance(parsed, Parsed) else []
    h = art.headline
    by_role: dict[str, list[str]] = {}
    for b in art.bylines:
        by_role.setdefault(b.role, []).append(b.name)
    return {
        "contract_version": CONTRACT_VERSION,
        "id": art.id,
        "source": art.source,
        "encoding": art.encoding,
        "layout": art.layout,
        "meta": {k: v for k, v in (art.meta or {}).items() if v is not None},
        "is_stub": art.is_stub,
        "headline": {"kicker": h.kicker, "title": h.title, "subtitle": h.subtitle, "column": h.column},
        "dateline": art.dateline,
        "reporters": by_role.get("reporter", []),
        "correspondents": by_role.get("correspondent", []),
        "editors": by_role.get("editor", []),
        "authors": by_role.get("author", []),
        "bylines": [
            {"name": b.name, "role": b.role, "label": b.label, "org": b.org,
             "paragraph": b.paragraph, "start": b.start, "end": b.end}
            for b in art.bylines
        ],
        "photos": [
            {"caption": p.caption, "photographer": p.photographer, "paragraph": p.paragraph,
             "start": p.start, "end": p.end}
            for p in art.photos
        ],
        "paragraphs": [
            {"index": p.index, "kind": p.kind, "start": p.start, "end": p.end, "text": p.text}
            for p in art.paragraphs
        ],
        "statements": [
            {"speaker": _speaker(s.speaker), "verb": s.verb, "kind": s.kind, "via": s.via,
             "nested": s.nested, "text": s.text, "paragraph": s.paragraph, "start": s.start, "end": s.end}
            for s in art.statements
        ],
        "speakers": [_speaker(s) for s in art.speakers],
        "term_quotes": [
            {"text": t.text, "paragraph": t.paragraph, "start": t.start, "end": t.end} for t in art.term_quotes
        ],
        "slogans": [
            {"text": s.text, "parts": [[int(c), n] for c, n in s.parts], "expansion": s.expansion,
             "kind": s.kind, "speaker": s.speaker, "statement": s.statement, "paragraph": s.paragraph,
             "start": s.start, "end": s.end}
            for s in art.slogans
        ],
        "numbers": [
            {"text": n.text, "value": n.value, "value_max": n.value_max, "unit": n.unit, "object": n.object, "measure": n.measure,
             "qualifier": n.qualifier, "kind": n.kind, "speaker": n.speaker, "statement": n.statement,
             "paragraph": n.paragraph, "start": n.start, "end": n.end}
            for n in art.numbers
        ],
        "formulations": [
            {"term": f.term, "themes": f.themes, "paragraph": f.paragraph, "statement": f.statement,
             "start": f.start, "end": f.end}
            for f in formulations
        ],
    }

"""Parsed articles -> the corpus tables (one row per item, documented in docs/schema.md).

Why explicit schemas: researchers load these Parquet files from R, Stata and Python; a column
that silently changes type breaks their scripts. ``SCHEMAS`` is the single source of truth:
``to_frames`` builds frames with exactly these columns and dtypes, and the tests check
docs/schema.md against it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tifalab.model import Article, NumberMention, Slogan, Speaker
from tifalab.pipeline import Parsed

if TYPE_CHECKING:  # pandas is imported where frames are built: parse workers never need it
    import pandas as pd

# column -> pandas dtype. "string" = pandas StringDtype; JSON-encoded lists are strings.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "source": "string",
        "layout": "string",
        "encoding": "string",
        "date": "string",
        "paper": "string",
        "page": "Int64",
        "order": "Int64",
        "url": "string",
        "kicker": "string",
        "title": "string",
        "subtitle": "string",
        "column": "string",
        "dateline": "string",
        "is_stub": "bool",
        "n_chars": "Int64",
        "n_paragraphs": "Int64",
        "n_statements": "Int64",
        "n_tokens": "Int64",
        "n_formulation_tokens": "Int64",
    },
    "paragraphs": {
        "article_id": "string",
        "paragraph": "Int64",
        "kind": "string",
        "start": "Int64",
        "end": "Int64",
        "n_chars": "Int64",
        "text": "string",
    },
    "bylines": {
        "article_id": "string",
        "name": "string",
        "role": "string",
        "label": "string",
        "org": "string",
        "caption": "string",
        "paragraph": "Int64",
        "start": "Int64",
        "end": "Int64",
    },
    "statements": {
        "article_id": "string",
        "statement": "Int64",
        "paragraph": "Int64",
        "start": "Int64",
        "end": "Int64",
        "kind": "string",
        "via": "string",
        "verb": "string",
        "nested": "bool",
        "speaker_id": "string",
        "speaker_name": "string",
        "speaker_mention": "string",
        "speaker_kind": "string",
        "speaker_area": "string",
        "speaker_organization": "string",
        "speaker_title": "string",
        "speaker_affiliations": "string",
        "speaker_role_suffix": "string",
        "speaker_rank": "string",
        "n_chars": "Int64",
        "text": "string",
    },
    "speakers": {
        "article_id": "string",
        "speaker_id": "string",
        "name": "string",
        "mention": "string",
        "kind": "string",
        "area": "string",
        "organization": "string",
        "title": "string",
        "affiliations": "string",
        "role_suffix": "string",
        "rank": "string",
        "n_statements": "Int64",
    },
    "term_quotes": {
        "article_id": "string",
        "paragraph": "Int64",
        "start": "Int64",
        "end": "Int64",
        "statement": "Int64",
        "text": "string",
    },
    "slogans": {
        "article_id": "string",
        "slogan": "Int64",
        "text": "string",
        "kind": "string",
        "parts": "string",
        "n_parts": "Int64",
        "total_count": "Int64",
        "expansion": "string",
        "paragraph": "Int64",
        "start": "Int64",
        "end": "Int64",
        "statement": "Int64",
        "speaker_id": "string",
        "speaker_name": "string",
        "speaker_area": "string",
        "speaker_rank": "string",
    },
    "numbers": {
        "article_id": "string",
        "number": "Int64",
        "text": "string",
        "value": "Float64",
        "value_max": "Float64",
        "unit": "string",
        "object": "string",
        "measure": "string",
        "qualifier": "string",
        "kind": "string",
        "paragraph": "Int64",
        "start": "Int64",
        "end": "Int64",
        "statement": "Int64",
        "speaker_id": "string",
        "speaker_name": "string",
        "speaker_area": "string",
        "speaker_rank": "string",
    },
    "formulations": {
        "article_id": "string",
        "term": "string",
        "themes": "string",
        "paragraph": "Int64",
        "statement": "Int64",
        "start": "Int64",
        "end": "Int64",
    },
    "failures": {
        "source": "string",
        "stage": "string",
        "reason": "string",
    },
}

TABLES = tuple(SCHEMAS)

# Tables derived from the per-article ones after a build (not written per article).
DERIVED_SCHEMAS: dict[str, dict[str, str]] = {
    "corpus_speakers": {
        "name": "string",
        "kind": "string",
        "area": "string",
        "organization": "string",
        "title": "string",
        "rank": "string",
        "n_articles": "Int64",
        "n_statements": "Int64",
        "first_date": "string",
        "last_date": "string",
    },
}


def conform_derived(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Exact columns and dtypes of a derived table (see ``DERIVED_SCHEMAS``)."""
    import pandas as pd

    schema = DERIVED_SCHEMAS[table]
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in schema.items()})
    return df[list(schema)].astype(schema)


def empty_frame(table: str) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCHEMAS[table].items()})


def conform(table: str, rows: list[dict[str, Any]] | pd.DataFrame) -> pd.DataFrame:
    """Exactly the schema's columns, in order, with its dtypes (missing columns -> NA)."""
    import pandas as pd

    schema = SCHEMAS[table]
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows
    if df.empty:
        return empty_frame(table)
    for col in schema:
        if col not in df.columns:
            df[col] = None
    df = df[list(schema)]
    return df.astype(schema)


def _aff_json(sp: Speaker) -> str:
    return json.dumps(
        [{"organization": a.organization, "title": a.title} for a in sp.affiliations],
        ensure_ascii=False,
    )


def _speaker_cols(sp: Speaker, prefix: str = "speaker_") -> dict[str, Any]:
    first = sp.affiliations[0] if sp.affiliations else None
    return {
        f"{prefix}id": sp.speaker_id,
        f"{prefix}name": sp.name,
        f"{prefix}mention": sp.mention,
        f"{prefix}kind": sp.kind,
        f"{prefix}area": sp.area,
        f"{prefix}organization": first.organization if first else None,
        f"{prefix}title": first.title if first else None,
        f"{prefix}affiliations": _aff_json(sp),
        f"{prefix}role_suffix": sp.role_suffix,
        f"{prefix}rank": sp.rank,
    }


def article_rows(parsed: Parsed) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one parsed article."""
    art: Article = parsed.article
    aid = art.id
    meta = art.meta or {}
    n_form_tokens = len(parsed.formulations)
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["articles"].append(
        {
            "article_id": aid,
            "source": art.source,
            "layout": art.layout,
            "encoding": art.encoding,
            "date": _str_or_none(meta.get("date")),
            "paper": _str_or_none(meta.get("paper")),
            "page": _int_or_none(meta.get("page")),
            "order": _int_or_none(meta.get("order")),
            "url": _str_or_none(meta.get("url")),
            "kicker": art.headline.kicker,
            "title": art.headline.title or _str_or_none(meta.get("title")),
            "subtitle": art.headline.subtitle,
            "column": art.headline.column,
            "dateline": art.dateline,
            "is_stub": bool(art.is_stub),
            "n_chars": len(art.text),
            "n_paragraphs": len(art.paragraphs),
            "n_statements": len(art.statements),
            "n_tokens": parsed.n_tokens,
            "n_formulation_tokens": n_form_tokens,
        }
    )
    for p in art.paragraphs:
        rows["paragraphs"].append(
            {
                "article_id": aid,
                "paragraph": p.index,
                "kind": p.kind,
                "start": p.start,
                "end": p.end,
                "n_chars": len(p.text),
                "text": p.text,
            }
        )
    for b in art.bylines:
        rows["bylines"].append(
            {
                "article_id": aid,
                "name": b.name,
                "role": b.role,
                "label": b.label,
                "org": b.org,
                "caption": None,
                "paragraph": b.paragraph,
                "start": b.start,
                "end": b.end,
            }
        )
    for ph in art.photos:
        if ph.photographer is None or not any(
            b.role == "photographer" and b.name == ph.photographer for b in art.bylines
        ):
            rows["bylines"].append(
                {
                    "article_id": aid,
                    "name": ph.photographer,
                    "role": "photographer",
                    "label": "图",
                    "org": None,
                    "caption": ph.caption,
                    "paragraph": ph.paragraph,
                    "start": ph.start,
                    "end": ph.end,
                }
            )
        else:
            for r in rows["bylines"]:
                if r["role"] == "photographer" and r["name"] == ph.photographer and r["caption"] is None:
                    r["caption"] = ph.caption
                    break
    n_by_speaker: dict[str | None, int] = {}
    for i, st in enumerate(art.statements):
        n_by_speaker[st.speaker.speaker_id] = n_by_speaker.get(st.speaker.speaker_id, 0) + 1
        rows["statements"].append(
            {
                "article_id": aid,
                "statement": i,
                "paragraph": st.paragraph,
                "start": st.start,
                "end": st.end,
                "kind": st.kind,
                "via": st.via,
                "verb": st.verb,
                "nested": bool(st.nested),
                **_speaker_cols(st.speaker),
                "n_chars": len(st.text),
                "text": st.text,
            }
        )
    for sp in art.speakers:
        cols = _speaker_cols(sp, prefix="")
        rows["speakers"].append(
            {"article_id": aid, **cols, "speaker_id": sp.speaker_id,
             "n_statements": n_by_speaker.get(sp.speaker_id, 0)}
        )
    for tq in art.term_quotes:
        rows["term_quotes"].append(
            {
                "article_id": aid,
                "paragraph": tq.paragraph,
                "start": tq.start,
                "end": tq.end,
                "statement": _statement_of(art, tq.start, tq.end),
                "text": tq.text,
            }
        )
    for i, sl in enumerate(art.slogans):
        rows["slogans"].append(
            {
                "article_id": aid,
                "slogan": i,
                "text": sl.text,
                "kind": sl.kind,
                "parts": json.dumps([list(p) for p in sl.parts], ensure_ascii=False),
                "n_parts": len(sl.parts),
                "total_count": sum(int(c) for c, _ in sl.parts) if sl.parts else None,
                "expansion": sl.expansion,
                **_placed(art, sl),
            }
        )
    for i, nm in enumerate(art.numbers):
        rows["numbers"].append(
            {
                "article_id": aid,
                "number": i,
                "text": nm.text,
                "value": nm.value,
                "value_max": nm.value_max,
                "unit": nm.unit,
                "object": nm.object,
                "measure": nm.measure,
                "qualifier": nm.qualifier,
                "kind": nm.kind,
                **_placed(art, nm),
            }
        )
    for f in parsed.formulations:
        rows["formulations"].append(
            {
                "article_id": aid,
                "term": f.term,
                "themes": "|".join(f.themes),
                "paragraph": f.paragraph,
                "statement": f.statement,
                "start": f.start,
                "end": f.end,
            }
        )
    return rows


def _statement_of(art: Article, start: int, end: int) -> int | None:
    """First own (non-nested) statement holding a term quote."""
    for i, st in enumerate(art.statements):
        if not st.nested and st.start <= start and end <= st.end:
            return i
    return None


def _placed(art: Article, item: Slogan | NumberMention) -> dict[str, Any]:
    """Where a slogan or number sits, and who says it (the speaker of its statement)."""
    sp = art.statements[item.statement].speaker if item.statement is not None else None
    return {"paragraph": item.paragraph, "start": item.start, "end": item.end,
            "statement": item.statement, **_short_speaker(sp)}


def _short_speaker(sp: Speaker | None) -> dict[str, Any]:
    if sp is None:
        return {"speaker_id": None, "speaker_name": None, "speaker_area": None, "speaker_rank": None}
    return {
        "speaker_id": sp.speaker_id,
        "speaker_name": sp.name or sp.mention,
        "speaker_area": sp.area,
        "speaker_rank": sp.rank,
    }


def _str_or_none(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and v != v):
        return None
    return str(v)


def _int_or_none(v: Any) -> int | None:
    try:
        return int(v) if v is not None and v == v else None
    except (TypeError, ValueError):
        return None


def to_frames(
    items: Iterable[dict[str, list[dict[str, Any]]]], failures: Iterable[dict[str, Any]] = ()
) -> dict[str, pd.DataFrame]:
    """Concatenate per-article rows into conformed frames, in input order."""
    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for rows in items:
        for t, rs in rows.items():
            acc[t].extend(rs)
    acc["failures"].extend(failures)
    return {t: conform(t, acc[t]) for t in TABLES}


_ARROW_SCHEMAS: dict[str, Any] = {}  # table -> Arrow schema, derived once per process


def arrow_schema(table: str) -> Any:
    """The Arrow schema of a table, with pandas metadata so ``pd.read_parquet`` restores the
    documented dtypes (nullable Int64, string …). Derived from ``SCHEMAS`` via an empty frame."""
    schema = _ARROW_SCHEMAS.get(table)
    if schema is None:
        import pyarrow as pa

        schema = pa.Table.from_pandas(empty_frame(table), preserve_index=False).schema
        _ARROW_SCHEMAS[table] = schema
    return schema


def arrow_schemas() -> dict[str, Any]:
    """Every table's Arrow schema (for ``use_arrow_schemas`` in another process)."""
    return {t: arrow_schema(t) for t in TABLES}


def use_arrow_schemas(schemas: dict[str, Any]) -> None:
    """Adopt schemas derived in another process: a build worker then converts rows to Arrow
    without importing pandas (about 0.3 s per worker) just to derive them again."""
    _ARROW_SCHEMAS.update(schemas)


def to_arrow(
    items: Iterable[dict[str, list[dict[str, Any]]]], failures: Iterable[dict[str, Any]] = ()
) -> dict[str, Any]:
    """Like ``to_frames`` but straight to Arrow tables: the build's fast path (no pandas)."""
    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for rows in items:
        for t, rs in rows.items():
            acc[t].extend(rs)
    acc["failures"].extend(failures)
    return {t: _rows_to_table(acc[t], arrow_schema(t)) for t in TABLES}


def _rows_to_table(rows: list[dict[str, Any]], schema: Any) -> Any:
    """``pa.Table.from_pylist(rows, schema=schema)``, faster: the rows are converted as one
    struct array, so the per-column lookups in every dict run in Arrow's C++ converter
    instead of a Python list comprehension per column (same values, types and metadata; a
    missing key is null in both)."""
    import pyarrow as pa

    arr = pa.array(rows, type=pa.struct(list(schema)))
    return pa.Table.from_arrays(arr.flatten(), schema=schema)


def corpus_speakers(speakers: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per (name, area, organization, title) across the corpus: who speaks how often.

    Why not merge by name alone: two 王军 in different districts are different people; a
    researcher can aggregate further, but cannot split what we merged.
    """
    import pandas as pd

    if speakers.empty:
        return pd.DataFrame(
            columns=["name", "kind", "area", "organization", "title", "rank",
                     "n_articles", "n_statements", "first_date", "last_date"]
        )
    df = speakers.merge(articles[["article_id", "date"]], on="article_id", how="left")
    df["name"] = df["name"].fillna(df["mention"])
    keys = ["name", "kind", "area", "organization", "title", "rank"]
    g = df.groupby(keys, dropna=False)
    out = g.agg(
        n_articles=("article_id", "nunique"),
        n_statements=("n_statements", "sum"),
        first_date=("date", "min"),
        last_date=("date", "max"),
    ).reset_index()
    return out.sort_values(["n_statements", "name"], ascending=[False, True]).reset_index(drop=True)

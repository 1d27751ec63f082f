"""HTML views for notebooks and rendered reports: an annotated article and readable tables.

Why our own small renderer: the reader of a report must see, on the article's own text, what
was extracted (speakers, statements, term quotes, slogans, numbers, 提法) in colour with a
legend, and must be able to check it. Spans overlap (a slogan inside a statement), so the text
is cut at every span boundary and each piece carries the classes of all spans covering it.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

LAYERS: dict[str, tuple[str, str]] = {
    # class: (legend label, CSS)
    "statement-direct": ("直接引语 direct statement", "background:#fff3bf;"),
    "statement-indirect": ("间接引语 indirect statement", "background:#e7f5ff;"),
    "speaker": ("说话人 speaker", "font-weight:bold;color:#862e9c;"),
    "term-quote": ("术语引号 term quote", "border-bottom:2px dotted #495057;"),
    "slogan": ("数字化提法 numbered slogan", "color:#c92a2a;font-weight:bold;"),
    "number": ("数字目标 number/target", "background:#d3f9d8;outline:1px solid #2b8a3e;"),
    "formulation": ("提法 formulation", "text-decoration:underline;text-decoration-color:#e8590c;"
                    "text-decoration-thickness:2px;"),
}

_CSS = "\n".join(f".tl-{k} {{{css}}}" for k, (_, css) in LAYERS.items())
STYLE = f"""<style>
.tl-article {{ font-family: "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
  line-height: 1.9; max-width: 60em; }}
.tl-article p {{ margin: 0.6em 0; }}
.tl-legend span {{ display:inline-block; margin:0 0.8em 0.3em 0; padding:0 0.3em; }}
.tl-meta {{ color:#495057; font-size:0.9em; }}
{_CSS}
table.tl-table {{ border-collapse: collapse; font-size: 0.9em; }}
table.tl-table td, table.tl-table th {{ border: 1px solid #dee2e6; padding: 3px 6px; vertical-align: top; }}
table.tl-table th {{ background: #f1f3f5; }}
</style>"""


@dataclass
class Mark:
    start: int
    end: int
    layer: str
    title: str = ""


def legend_html() -> str:
    items = "".join(f'<span class="tl-{k}">{html.escape(label)}</span>' for k, (label, _) in LAYERS.items())
    return f'<div class="tl-legend">{items}</div>'


def annotate(text: str, marks: Iterable[Mark], paragraphs: Sequence[tuple[int, int]] | None = None) -> str:
    """Render ``text`` with every mark as a coloured span; paragraphs become <p> blocks."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text) and m.layer in LAYERS]
    if paragraphs is None:
        paragraphs, pos = [], 0
        for line in text.split("\n"):
            paragraphs.append((pos, pos + len(line)))
            pos += len(line) + 1
    out = [STYLE, legend_html(), '<div class="tl-article">']
    for ps, pe in paragraphs:
        cuts = {ps, pe}
        inside = [m for m in marks if m.start < pe and m.end > ps]
        for m in inside:
            cuts.update((max(ps, m.start), min(pe, m.end)))
        pts = sorted(cuts)
        pieces = []
        for a, b in itertools.pairwise(pts):
            seg = html.escape(text[a:b])
            covering = [m for m in inside if m.start <= a and b <= m.end]
            if covering:
                classes = " ".join(sorted({f"tl-{m.layer}" for m in covering}))
                tip = html.escape("; ".join(m.title for m in covering if m.title))
                pieces.append(f'<span class="{classes}" title="{tip}">{seg}</span>')
            else:
                pieces.append(seg)
        out.append(f"<p>{''.join(pieces)}</p>")
    out.append("</div>")
    return "\n".join(out)


def _txt(*values: object) -> str:
    """First non-missing value as text ('' if all are NA/None)."""
    for v in values:
        if v is not None and not (isinstance(v, float) and v != v) and v is not pd.NA:
            return str(v)
    return ""


def article_marks(tables: dict[str, pd.DataFrame], article_id: str) -> list[Mark]:
    """Marks of one article from the corpus tables."""
    marks: list[Mark] = []

    def rows(name: str) -> pd.DataFrame:
        df = tables.get(name)
        if df is None or df.empty:
            return pd.DataFrame()
        return df[df["article_id"] == article_id]

    for r in rows("statements").itertuples(index=False):
        layer = "statement-direct" if r.kind == "direct" else "statement-indirect"
        marks.append(Mark(int(r.start), int(r.end), layer, f"{_txt(r.speaker_name, r.speaker_mention)} · {_txt(r.verb)} · {r.kind}"))
    for r in rows("term_quotes").itertuples(index=False):
        marks.append(Mark(int(r.start), int(r.end), "term-quote", "term quote"))
    for r in rows("slogans").itertuples(index=False):
        marks.append(Mark(int(r.start), int(r.end), "slogan", f"slogan {r.parts}"))
    for r in rows("numbers").itertuples(index=False):
        marks.append(Mark(int(r.start), int(r.end), "number", f"{r.kind}: {_txt(r.value)} {_txt(r.unit)} {_txt(r.object)}"))
    for r in rows("formulations").itertuples(index=False):
        marks.append(Mark(int(r.start), int(r.end), "formulation", f"提法 {r.term} ({_txt(r.themes)})"))
    return marks


def speaker_marks(text: str, statements: pd.DataFrame) -> list[Mark]:
    """Mark each statement's speaker mention where it is written near the statement.

    Why a search: statements carry the mention's text, not its offsets; the mention is in the
    same paragraph, right before or after the statement, so the nearest occurrence is it.
    """
    marks = []
    for r in statements.itertuples(index=False):
        mention = _txt(r.speaker_mention)
        if len(mention) < 2:
            continue
        s, e = int(r.start), int(r.end)
        before = text.rfind(mention, max(0, s - 200), s)
        after = text.find(mention, e, e + 200)
        pos = before if before >= 0 and (after < 0 or s - before <= after - e) else after
        if pos >= 0:
            marks.append(Mark(pos, pos + len(mention), "speaker", _txt(r.speaker_name, mention)))
    return marks


def article_html(tables: dict[str, pd.DataFrame], article_id: str) -> str:
    """The annotated text of one article, rebuilt from its paragraphs table."""
    paras = tables["paragraphs"]
    paras = paras[paras["article_id"] == article_id].sort_values("paragraph")
    if paras.empty:
        return "<p>(no paragraphs)</p>"
    # Rebuild the normalized text from paragraph offsets (gaps are newlines).
    end = int(paras["end"].max())
    buf = [" "] * end
    for r in paras.itertuples(index=False):
        buf[int(r.start):int(r.end)] = list(r.text)
    text = "".join(buf)
    spans = [(int(r.start), int(r.end)) for r in paras.itertuples(index=False)]
    st = tables["statements"]
    marks = article_marks(tables, article_id) + speaker_marks(text, st[st["article_id"] == article_id])
    return annotate(text, marks, spans)


def table_html(df: pd.DataFrame, max_rows: int = 60, caption: str | None = None) -> str:
    """A readable HTML table (escaped, capped, with a caption that says what was counted)."""
    shown = df.head(max_rows)
    shown = shown.astype(object).where(shown.notna(), "–")  # pandas NA would print as <NA>
    body = shown.to_html(index=False, classes="tl-table", border=0, na_rep="–", escape=True)
    note = ""
    if len(df) > max_rows:
        note = f"<p class='tl-meta'>showing {max_rows} of {len(df)} rows</p>"
    cap = f"<p class='tl-meta'><b>{html.escape(caption)}</b></p>" if caption else ""
    return STYLE + cap + body + note


def show(df: pd.DataFrame, caption: str | None = None, max_rows: int = 60) -> None:
    """Display a table in a notebook (plain print outside IPython)."""
    try:
        from IPython.display import HTML, display

        display(HTML(table_html(df, max_rows, caption)))
    except ImportError:  # pragma: no cover - outside Jupyter
        print(caption or "")
        print(df.head(max_rows).to_string())


def show_html(fragment: str) -> None:
    from IPython.display import HTML, display

    display(HTML(fragment))

"""Figures and small report blocks for the notebooks.

Why here and not in the notebooks: notebooks stay thin and every figure is tested once. Every
figure has Chinese-capable labels (call ``tifalab.plotting.use_chinese_font`` first), a title
that says what was counted, and axis labels.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from tifalab.analysis import ParameterError

ARTICLE_TABLES = [
    ("slogans", ["text", "kind", "parts", "expansion", "speaker_name"], "Numbered slogans (数字化提法)"),
    ("numbers", ["text", "value", "unit", "object", "qualifier", "kind", "speaker_name"],
     "Numbers with unit and object; kind target = a commitment"),
    ("term_quotes", ["text", "paragraph", "statement"], "Quotation marks around terms, not speech"),
    ("bylines", ["role", "label", "name", "caption"], "Reporters, photographers, editors"),
]


def _empty(ax: Any, msg: str) -> None:
    ax.text(0.5, 0.5, msg, ha="center", va="center", transform=ax.transAxes, color="#868e96")
    ax.set_xticks([])
    ax.set_yticks([])


def article_header(art: dict[str, Any]) -> str:
    """Markdown block: headline lines, dateline, source and counts of one article row."""
    lines = []
    if art.get("kicker"):
        lines.append(f"**{art['kicker']}**  ")
    lines.append(f"## {art.get('title') or art['article_id']}")
    if art.get("subtitle"):
        lines.append(f"*{art['subtitle']}*")
    meta = [f"`{art['article_id']}`"]
    for k in ("paper", "date", "page", "dateline"):
        if art.get(k) is not None and not (isinstance(art[k], float) and math.isnan(art[k])):
            meta.append(f"{k}: {art[k]}")
    meta.append(f"{art['n_paragraphs']} paragraphs, {art['n_chars']} characters, {art['n_statements']} statements")
    lines.append(" · ".join(str(m) for m in meta))
    return "\n\n".join(lines)


def paragraph_lengths(tables: dict[str, pd.DataFrame], article_id: str) -> Figure:
    p = tables["paragraphs"]
    p = p[p["article_id"] == article_id]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    colors = ["#1c7ed6" if k == "body" else "#adb5bd" for k in p["kind"]]
    ax.bar([str(i) for i in p["paragraph"]], p["n_chars"], color=colors)
    ax.set_title("段落长度 Paragraph lengths (characters; grey = title, byline, caption)")
    ax.set_xlabel("段落 paragraph")
    ax.set_ylabel("字数 characters")
    fig.tight_layout()
    return fig


def overview_counts(tables: dict[str, pd.DataFrame], manifest: dict[str, Any]) -> pd.DataFrame:
    a = tables["articles"]
    dates = pd.to_datetime(a["date"], errors="coerce")
    rows = [
        ("inputs", manifest.get("n_inputs")),
        ("inputs failed", manifest.get("n_failed")),
        ("articles", len(a)),
        ("stub articles", int(a["is_stub"].sum())),
        ("characters", int(a["n_chars"].sum())),
        ("paragraphs", len(tables["paragraphs"])),
        ("statements", len(tables["statements"])),
        ("speakers (per article)", len(tables["speakers"])),
        ("numbered slogans", len(tables["slogans"])),
        ("numbers", len(tables["numbers"])),
        ("formulation hits", len(tables["formulations"])),
        ("first date", dates.min().date().isoformat() if dates.notna().any() else None),
        ("last date", dates.max().date().isoformat() if dates.notna().any() else None),
        ("tifalab version", manifest.get("tifalab_version")),
    ]
    return pd.DataFrame(rows, columns=["what", "value"]).astype({"value": "string"})


def articles_over_time(articles: pd.DataFrame) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 3.5))
    dates = pd.to_datetime(articles["date"], errors="coerce").dropna()
    if dates.empty:
        _empty(ax, "no dates in this corpus 无日期")
    else:
        per = dates.dt.to_period("M" if dates.dt.to_period("M").nunique() > 1 else "D").value_counts().sort_index()
        ax.bar([str(p) for p in per.index], per.values, color="#1c7ed6")
        ax.tick_params(axis="x", rotation=45)
    ax.set_title("每期文章数 Articles per period")
    ax.set_xlabel("时间 period")
    ax.set_ylabel("篇 articles")
    fig.tight_layout()
    return fig


def barh(df: pd.DataFrame, label: str, value: str, title: str, xlabel: str, top: int = 25) -> Figure:
    d = df.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.32 * len(d) + 1)))
    if d.empty:
        _empty(ax, "nothing to count 无数据")
    else:
        ax.barh(d[label].astype("string").fillna("(unknown)"), d[value], color="#1c7ed6")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    fig.tight_layout()
    return fig


def stacked(df: pd.DataFrame, index: str, column: str, value: str, title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 3.8))
    if df.empty:
        _empty(ax, "nothing to count 无数据")
    else:
        pv = df.pivot_table(index=index, columns=column, values=value, aggfunc="sum", fill_value=0)
        pv.plot.barh(stacked=True, ax=ax)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(title=column)
    ax.set_title(title)
    ax.set_xlabel("个数 count")
    fig.tight_layout()
    return fig


def heatmap(matrix: pd.DataFrame, title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(max(5, 0.9 * matrix.shape[1] + 3), max(3, 0.35 * matrix.shape[0] + 1.5)))
    if matrix.empty:
        _empty(ax, "nothing to compare 无数据")
    else:
        values = matrix.astype(float).to_numpy()
        im = ax.imshow(values, cmap="Oranges", aspect="auto")
        ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=45, ha="right")
        ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
        for (i, j), v in pd.DataFrame(values).stack().items():
            if v:
                ax.text(j, i, int(v), ha="center", va="center", fontsize=8)
        fig.colorbar(im, ax=ax, label="次数 hits")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def network(edges: pd.DataFrame, title: str) -> Figure:
    """Co-occurrence network on a circle: line width = shared units."""
    fig, ax = plt.subplots(figsize=(7, 7))
    if edges.empty:
        _empty(ax, "no co-occurring pairs 无共现")
        ax.set_title(title)
        return fig
    nodes = sorted(set(edges["a"]) | set(edges["b"]))
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes))) for i, n in enumerate(nodes)}
    mx = edges["count"].max()
    for r in edges.itertuples(index=False):
        (x1, y1), (x2, y2) = pos[r.a], pos[r.b]
        ax.plot([x1, x2], [y1, y2], color="#1c7ed6", alpha=0.5, linewidth=0.5 + 4 * r.count / mx)
    for n, (x, y) in pos.items():
        ax.scatter([x], [y], s=30, color="#e8590c", zorder=3)
        ax.text(x * 1.08, y * 1.08, n, ha="left" if x >= 0 else "right", va="center", fontsize=9)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def lines(df: pd.DataFrame, x: str, y: str, hue: str, title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 3.8))
    order = sorted(df[x].astype(str).unique())  # periods as sorted categories, same axis for all
    pos = {v: i for i, v in enumerate(order)}
    for key, g in df.groupby(hue):
        g = g.assign(_x=g[x].astype(str).map(pos)).sort_values("_x")
        ax.plot(g["_x"], g[y], marker="o", label=str(key))
    ax.set_xticks(range(len(order)), order)
    ax.legend()
    ax.tick_params(axis="x", rotation=45)
    ax.set_title(title)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    fig.tight_layout()
    return fig


def statement_lengths(statements: pd.DataFrame) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if statements.empty:
        _empty(ax, "no statements 无引语")
    else:
        for kind, g in statements.groupby("kind"):
            ax.hist(g["n_chars"], bins=20, alpha=0.6, label=f"{kind} ({len(g)})")
        ax.legend()
    ax.set_title("引语长度 Statement lengths (characters)")
    ax.set_xlabel("字数 characters")
    ax.set_ylabel("条 statements")
    fig.tight_layout()
    return fig


def article_density(tables: dict[str, pd.DataFrame], min_tokens: int = 100) -> pd.DataFrame:
    """Formulation density per article; articles under ``min_tokens`` are left out (a
    20-token notice with two 提法 would otherwise top the list)."""
    a = tables["articles"]
    a = a[~a["is_stub"] & (a["n_tokens"].fillna(0) >= min_tokens)]
    terms = tables["formulations"].groupby("article_id")["term"].apply(
        lambda s: "、".join(s.value_counts().index[:8])
    ).rename("top_terms")
    out = a[["article_id", "title", "n_tokens", "n_formulation_tokens"]].merge(terms, on="article_id", how="left")
    out["density"] = (out["n_formulation_tokens"] / out["n_tokens"].where(out["n_tokens"] > 0)).round(4)
    return out.sort_values("density", ascending=False).reset_index(drop=True)


def largest_group(df: pd.DataFrame, group_by: str) -> str | None:
    vc = df[group_by].dropna().astype("string").value_counts()
    return None if vc.empty else str(vc.index[0])


def echo_source(tables: dict[str, pd.DataFrame], source_path: str | None) -> tuple[str, str]:
    """The source text to trace: a file, or the corpus's nested source quotes (全会提出 '…')."""
    if source_path:
        p = Path(source_path)
        if not p.is_file():
            raise ParameterError(f"source_path: {p}: no such file (give a UTF-8 text file or None)")
        from tifalab.io import read_inputs
        from tifalab.model import Failure

        docs = list(read_inputs([str(p)]))
        texts = [d.raw_text for d in docs if not isinstance(d, Failure)]
        if not texts:
            raise ParameterError(f"source_path: {p}: {docs[0].reason if docs else 'no text'}")
        return "\n".join(texts), str(p)
    st = tables["statements"]
    nested = st[st["nested"]]
    if nested.empty:
        return "", "no source given and no nested source quotes found"
    return "\n".join(nested["text"]), f"{len(nested)} nested source quotes (e.g. 全会提出‘…’) of the corpus"


def score_chart(scores: pd.DataFrame, title: str) -> Figure:
    """Precision (and recall where coded) per item type and field, with 95 % intervals."""
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(scores) + 1)))
    if scores.empty:
        _empty(ax, "nothing scored 无数据")
        ax.set_title(title)
        return fig
    labels = (scores["item_type"] + " · " + scores["field"]).tolist()
    y = range(len(scores))
    for col, lo, hi, off, color in (("precision", "precision_lo", "precision_hi", -0.18, "#1c7ed6"),
                                     ("recall", "recall_lo", "recall_hi", 0.18, "#e8590c")):
        v = pd.to_numeric(scores[col], errors="coerce")
        lo_v = pd.to_numeric(scores[lo], errors="coerce")
        hi_v = pd.to_numeric(scores[hi], errors="coerce")
        ok = v.notna()
        ys = [i + off for i, k in zip(y, ok, strict=True) if k]
        ax.errorbar(v[ok], ys, xerr=[(v - lo_v)[ok], (hi_v - v)[ok]], fmt="o", color=color, label=col, capsize=3)
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.02)
    ax.set_xlabel("准确率 score (95 % Wilson interval)")
    ax.legend(loc="lower left")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def new_formulation_candidates(tables: dict[str, pd.DataFrame], min_count: int = 3, top: int = 30,
                               max_chars: int = 2_000_000) -> pd.DataFrame:
    """Lexicon-growth candidates over the body paragraphs of the corpus (``tifalab.discovery``).

    Over ``max_chars`` the paragraphs are thinned evenly (every k-th), so a whole-paper corpus
    stays quick; the counts are then those of the thinned text (the caption says so).
    """
    from tifalab.discovery import candidate_formulations
    from tifalab.formulations import load_formulations

    p = tables["paragraphs"]
    texts = p.loc[p["kind"] == "body", "text"].astype(str).tolist()
    total = sum(map(len, texts))
    if max_chars and total > max_chars:
        step = -(-total // max_chars)
        texts = texts[::step]
    n_articles = tables["articles"]["article_id"].nunique()
    return candidate_formulations(texts, load_formulations(), min_count=min_count, top=top,
                                  min_docs=2 if n_articles > 1 else 1)

"""Analyses a political scientist puts in a paper, on the corpus tables.

Modelled on quanteda's verbs (dfm, keyness, kwic) but on tifalab's tables, so every figure
traces back to article ids and character offsets. Functions take DataFrames and return
DataFrames; the notebooks only call them and draw.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path

import pandas as pd

GROUPINGS = ("district", "speaker_area", "speaker_rank", "speaker_kind", "paper", "month", "year", "page")


class ParameterError(ValueError):
    """A notebook or CLI parameter with a value we cannot use; says which and what is allowed."""


def load_tables(tables_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read every Parquet table of a build folder (written by ``tifalab build``)."""
    folder = Path(tables_dir)
    if not (folder / "manifest.json").is_file():
        raise ParameterError(
            f"tables_dir: {folder} has no manifest.json; run `tifalab build CORPUS -o {folder}` first"
        )
    out = {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}
    for d in sorted(p for p in folder.iterdir() if p.is_dir() and any(p.glob("part-*.parquet"))):
        out[d.name] = pd.read_parquet(d)  # partitioned tables of the Dask engine
    out["manifest"] = pd.json_normalize(json.loads((folder / "manifest.json").read_text("utf-8")), max_level=0)
    return out


def load_manifest(tables_dir: str | Path) -> dict:
    return json.loads((Path(tables_dir) / "manifest.json").read_text("utf-8"))


# -- context joins -------------------------------------------------------------------------


def with_article_context(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add paper, date, month, year, page to any table with ``article_id``."""
    cols = ["article_id", "paper", "date", "page", "title"]
    a = articles[[c for c in cols if c in articles.columns]].copy()
    dates = pd.to_datetime(a["date"], errors="coerce")
    a["month"] = dates.dt.strftime("%Y-%m").astype("string")
    a["year"] = dates.dt.year.astype("Int64").astype("string")
    keep = [c for c in a.columns if c not in df.columns or c == "article_id"]
    return df.merge(a[keep], on="article_id", how="left")


def items_in_context(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Slogans or numbers with ``district`` (the speaker's area) and article context."""
    out = df.copy()
    if "speaker_area" in out.columns:
        out["district"] = out["speaker_area"]
    return with_article_context(out, articles)


def formulations_in_context(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Formulation hits with article context and, inside statements, the speaker's fields."""
    f = tables["formulations"].copy()
    st = tables["statements"][
        ["article_id", "statement", "speaker_name", "speaker_area", "speaker_rank", "speaker_kind",
         "speaker_organization"]
    ]
    f = f.merge(st, on=["article_id", "statement"], how="left")
    f["district"] = f["speaker_area"]
    return with_article_context(f, tables["articles"])


def check_group_by(group_by: str, df: pd.DataFrame) -> str:
    if group_by not in df.columns:
        allowed = [g for g in GROUPINGS if g in df.columns]
        raise ParameterError(f"group_by={group_by!r} is not available; allowed: {', '.join(allowed)}")
    return group_by


# -- counts, themes, density ---------------------------------------------------------------


def top_terms(formulations: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """Most frequent 提法 with the number of articles they occur in."""
    if formulations.empty:
        return pd.DataFrame(columns=["term", "count", "articles", "themes"])
    g = formulations.groupby("term")
    out = pd.DataFrame(
        {"count": g.size(), "articles": g["article_id"].nunique(), "themes": g["themes"].first()}
    ).reset_index()
    return out.sort_values(["count", "term"], ascending=[False, True]).head(n).reset_index(drop=True)


def theme_counts(formulations: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Hits per theme (a term with two themes counts for both), optionally per group."""
    if formulations.empty:
        return pd.DataFrame(columns=[*([by] if by else []), "theme", "count"])
    f = formulations.assign(theme=formulations["themes"].fillna("").str.split("|")).explode("theme")
    f = f[f["theme"].astype(bool)]
    keys = [by, "theme"] if by else ["theme"]
    return f.groupby(keys, dropna=False).size().rename("count").reset_index().sort_values(
        [*([by] if by else []), "count"], ascending=[*([True] if by else []), False]
    ).reset_index(drop=True)


def group_density(
    formulations: pd.DataFrame, units: pd.DataFrame, group_by: str, tokens_col: str = "n_tokens"
) -> pd.DataFrame:
    """Formulation hits per 1,000 tokens per group (units carry the token counts)."""
    hits = formulations.groupby(group_by, dropna=False).size().rename("hits")
    toks = units.groupby(group_by, dropna=False)[tokens_col].sum().rename("tokens")
    out = pd.concat([hits, toks], axis=1).fillna(0)
    out["per_1000_tokens"] = (1000 * out["hits"] / out["tokens"].where(out["tokens"] > 0)).round(2)
    return out.reset_index().sort_values("per_1000_tokens", ascending=False).reset_index(drop=True)


def compare_groups(formulations: pd.DataFrame, group_by: str, top: int = 15) -> pd.DataFrame:
    """Term x group count matrix for the ``top`` terms overall."""
    check_group_by(group_by, formulations)
    terms = top_terms(formulations, top)["term"]
    sub = formulations[formulations["term"].isin(terms)]
    return sub.pivot_table(index="term", columns=group_by, values="start", aggfunc="count", fill_value=0)


# -- keyness -------------------------------------------------------------------------------


def keyness(
    target: Counter[str] | pd.Series, reference: Counter[str] | pd.Series, min_count: int = 2
) -> pd.DataFrame:
    """Log-likelihood (G², Dunning 1993) keyness of terms in target vs reference, with effect size.

    Effect size is the log ratio (Hardie 2014): log2 of the ratio of relative frequencies, with
    0.5 added to zero counts. Positive G² sign = more frequent in target. Why both: G² says
    whether a difference is reliable, log ratio how big it is; papers need both.
    """
    t = Counter(dict(target))
    r = Counter(dict(reference))
    nt, nr = sum(t.values()), sum(r.values())
    rows = []
    if nt == 0 or nr == 0:
        return pd.DataFrame(columns=["term", "target", "reference", "g2", "log_ratio", "p"])
    for term in set(t) | set(r):
        a, b = t.get(term, 0), r.get(term, 0)
        if a + b < min_count:
            continue
        e1 = nt * (a + b) / (nt + nr)
        e2 = nr * (a + b) / (nt + nr)
        g2 = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
        lr = math.log2(((a or 0.5) / nt) / ((b or 0.5) / nr))
        sign = 1 if a / nt >= b / nr else -1
        rows.append({"term": term, "target": a, "reference": b, "g2": round(sign * g2, 3),
                     "log_ratio": round(lr, 3), "p": _chi2_sf1(g2)})
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=["term", "target", "reference", "g2", "log_ratio", "p"])
    return df.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)


def _chi2_sf1(x: float) -> float:
    """Survival function of chi-square with 1 df (no scipy needed)."""
    return float(math.erfc(math.sqrt(max(x, 0.0) / 2)))


def keyness_by_group(formulations: pd.DataFrame, group_by: str, target: str) -> pd.DataFrame:
    """Keyness of one group's 提法 against all other groups."""
    check_group_by(group_by, formulations)
    values = formulations[group_by].astype("string")
    if target not in set(values.dropna()):
        allowed = sorted(set(values.dropna()))[:20]
        raise ParameterError(f"target_group={target!r} not found in {group_by}; e.g. {', '.join(allowed)}")
    mask = (values == target).fillna(False)
    # reference: the other groups only (hits with no value for group_by, e.g. narration outside
    # statements when grouping by a speaker field, are left out of both sides)
    other = values.notna() & ~mask
    return keyness(Counter(formulations.loc[mask, "term"]), Counter(formulations.loc[other, "term"]))


# -- KWIC ----------------------------------------------------------------------------------


def kwic(paragraphs: pd.DataFrame, terms: Sequence[str], window: int = 20, limit: int | None = 200) -> pd.DataFrame:
    """Keyword in context with article id, paragraph and offsets (so every line is checkable)."""
    if isinstance(terms, str):
        terms = [terms]
    terms = [t for t in terms if t]
    cols = ["article_id", "paragraph", "start", "end", "left", "term", "right"]
    if not terms or paragraphs.empty:
        return pd.DataFrame(columns=cols)
    pat = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    rows = []
    for aid, pidx, pstart, text in paragraphs[["article_id", "paragraph", "start", "text"]].itertuples(index=False):
        for m in pat.finditer(text):
            rows.append({
                "article_id": aid, "paragraph": pidx, "start": pstart + m.start(), "end": pstart + m.end(),
                "left": text[max(0, m.start() - window):m.start()], "term": m.group(),
                "right": text[m.end():m.end() + window],
            })
            if limit and len(rows) >= limit:
                return pd.DataFrame(rows, columns=cols)
    return pd.DataFrame(rows, columns=cols)


# -- co-occurrence -------------------------------------------------------------------------


def cooccurrence(formulations: pd.DataFrame, unit: str = "paragraph", min_count: int = 2, top: int = 40) -> pd.DataFrame:
    """Pairs of 提法 that occur in the same unit (paragraph, statement or article), with Jaccard.

    Why per unit and not per window: a paragraph of official prose is the unit of argument.
    """
    keys = ["article_id"] if unit == "article" else ["article_id", unit]
    if unit not in ("article", "paragraph", "statement"):
        raise ParameterError(f"unit={unit!r}; allowed: article, paragraph, statement")
    f = formulations.dropna(subset=keys)
    sets = f.groupby(keys)["term"].apply(lambda s: sorted(set(s)))
    pair_counts: Counter[tuple[str, str]] = Counter()
    term_units: Counter[str] = Counter()
    for terms in sets:
        term_units.update(terms)
        pair_counts.update(combinations(terms, 2))
    rows = [
        {"a": a, "b": b, "count": c, "jaccard": round(c / (term_units[a] + term_units[b] - c), 3)}
        for (a, b), c in pair_counts.items() if c >= min_count
    ]
    df = pd.DataFrame(rows, columns=["a", "b", "count", "jaccard"])
    return df.sort_values(["count", "jaccard", "a", "b"], ascending=[False, False, True, True]).head(top).reset_index(drop=True)


def trend(formulations: pd.DataFrame, articles: pd.DataFrame, terms: Sequence[str] | None = None,
          freq: str = "month") -> pd.DataFrame:
    """Hits per 100 articles per period (month or year), for the given or the top five terms."""
    if freq not in ("month", "year"):
        raise ParameterError(f"freq={freq!r}; allowed: month, year")
    f = with_article_context(formulations, articles) if freq not in formulations.columns else formulations
    a = with_article_context(articles[["article_id"]], articles)
    if f[freq].isna().all():
        return pd.DataFrame(columns=[freq, "term", "hits", "articles", "per_100_articles"])
    terms = list(terms) if terms else list(top_terms(f, 5)["term"])
    n_art = a.groupby(freq).size().rename("articles")
    hits = f[f["term"].isin(terms)].groupby([freq, "term"]).size().rename("hits")
    # every period with articles x every term: a month without hits is a 0, not a gap
    grid = pd.MultiIndex.from_product([sorted(n_art.index), terms], names=[freq, "term"])
    hits = hits.reindex(grid, fill_value=0).reset_index()
    out = hits.merge(n_art.reset_index(), on=freq, how="left")
    out["per_100_articles"] = (100 * out["hits"] / out["articles"]).round(2)
    return out.sort_values([freq, "term"]).reset_index(drop=True)


# -- echo of a source text (text reuse) ----------------------------------------------------

_SENT_END = re.compile(r"(?<=[。！？!?；;])")
_NON_CJK = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


def _shingles(text: str, n: int) -> set[str]:
    s = _NON_CJK.sub("", text)
    return {s[i:i + n] for i in range(len(s) - n + 1)} if len(s) >= n else set()


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """Sentences with offsets (end punctuation 。！？；, full- or half-width)."""
    out, pos = [], 0
    for part in _SENT_END.split(text):
        if part.strip():
            out.append((pos, pos + len(part), part))
        pos += len(part)
    return out


def echo(statements: pd.DataFrame, source_text: str, n: int = 6, threshold: float = 0.3) -> pd.DataFrame:
    """Passage-level text reuse: which sentences of each statement echo the source.

    A sentence echoes when at least ``threshold`` of its character ``n``-gram shingles occur in
    the source (Wilkerson et al. 2015 trace bill language the same way). Returns one row per
    sentence with its offsets, its overlap share and the longest shared passage.
    """
    src_sh = _shingles(source_text, n)
    src_clean = _NON_CJK.sub("", source_text)
    cols = ["article_id", "statement", "speaker_name", "sentence", "start", "end", "overlap", "echo", "shared"]
    rows = []
    for r in statements.itertuples(index=False):
        for k, (s, e, sent) in enumerate(split_sentences(r.text)):
            sh = _shingles(sent, n)
            if not sh:
                continue
            share = len(sh & src_sh) / len(sh)
            rows.append({
                "article_id": r.article_id, "statement": r.statement, "speaker_name": r.speaker_name,
                "sentence": k, "start": int(r.start) + s, "end": int(r.start) + e,
                "overlap": round(share, 3), "echo": share >= threshold,
                "shared": _longest_shared(sent, src_clean, n) if share > 0 else "",
            })
    return pd.DataFrame(rows, columns=cols)


def _longest_shared(sentence: str, source_clean: str, n: int) -> str:
    s = _NON_CJK.sub("", sentence)
    best = ""
    i = 0
    while i <= len(s) - n:
        if s[i:i + n] in source_clean:
            j = i + n
            while j < len(s) and s[i:j + 1] in source_clean:
                j += 1
            if j - i > len(best):
                best = s[i:j]
            i = j
        else:
            i += 1
    return best


def echo_by_speaker(echo_rows: pd.DataFrame) -> pd.DataFrame:
    """Echo score per speaker: share of their statement sentences that echo the source."""
    if echo_rows.empty:
        return pd.DataFrame(columns=["speaker_name", "sentences", "echoing", "echo_score", "mean_overlap"])
    g = echo_rows.groupby("speaker_name", dropna=False)
    out = pd.DataFrame({
        "sentences": g.size(), "echoing": g["echo"].sum(), "mean_overlap": g["overlap"].mean().round(3),
    }).reset_index()
    out["echo_score"] = (out["echoing"] / out["sentences"]).round(3)
    return out.sort_values(["echo_score", "speaker_name"], ascending=[False, True]).reset_index(drop=True)


def counts_by(df: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """Row counts per key combination, NA shown as '(unknown)' so readers see what is missing."""
    keys = list(keys)
    sub = df[keys].astype("string").fillna("(unknown)")
    return sub.value_counts().rename("count").reset_index()


def pick_article(tables: dict[str, pd.DataFrame], article_id: str | None = None) -> dict:
    """One article row as a dict: the given id, else the one with the most statements."""
    a = tables["articles"]
    if a.empty:
        raise ParameterError("the corpus has no articles (see the failures table)")
    if article_id is None:
        row = a.sort_values(["n_statements", "article_id"], ascending=[False, True]).iloc[0]
    else:
        match = a[a["article_id"] == article_id]
        if match.empty:
            raise ParameterError(
                f"article_id={article_id!r} not found; e.g. {', '.join(a['article_id'].head(5))}"
            )
        row = match.iloc[0]
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}

"""Measured trust: coding sheets for hand validation, scores with intervals, coder agreement.

Why: a researcher cannot publish figures from an automatic extractor without its accuracy on
their own corpus. ``sample_items`` draws a stratified random sample of extracted items into a
sheet a person fills in a spreadsheet; ``score_sheet`` turns the filled sheet into precision,
recall (where misses were coded) and F1 with 95 % Wilson intervals; ``score_gold`` scores
against gold JSON files (the format of the project's hand-checked sample) — the same path the
project uses for its own accuracy figures; ``agreement`` gives Cohen's kappa for double coding.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

ITEM_TYPES = ("statement", "slogan", "number")
CODER_COLUMNS = ("correct", "corrected_speaker", "corrected_affiliation", "corrected_value",
                 "missed_in_article", "notes")
YES = {"1", "y", "yes", "true", "t", "对", "是", "正确", "√", "✓"}
NO = {"0", "n", "no", "false", "f", "错", "否", "错误", "×", "✗"}


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float | None, float | None]:
    """95 % Wilson score interval of k successes in n trials (None when n == 0)."""
    if n == 0:
        return None, None
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


# -- sampling ------------------------------------------------------------------------------


def _context(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    return text[max(0, start - width):start], text[start:end], text[end:end + width]


def _article_texts(paragraphs: pd.DataFrame) -> dict[str, str]:
    texts: dict[str, str] = {}
    for aid, g in paragraphs.groupby("article_id", sort=False):
        end = int(g["end"].max())
        buf = [" "] * end
        for r in g.itertuples(index=False):
            buf[int(r.start):int(r.end)] = list(r.text)
        texts[str(aid)] = "".join(buf)
    return texts


def sample_items(tables: dict[str, pd.DataFrame], n: int = 200, seed: int = 0,
                 types: Sequence[str] = ITEM_TYPES) -> pd.DataFrame:
    """A stratified random sample: items shared out over types in proportion, at least a few each.

    Deterministic for a given seed and tables. The coder columns are left empty.
    """
    bad = [t for t in types if t not in ITEM_TYPES]
    if bad:
        raise ValueError(f"--types: {', '.join(bad)}; allowed: {', '.join(ITEM_TYPES)}")
    if n < 1:
        raise ValueError(f"--n: {n}; allowed: an integer >= 1")
    pools = {"statement": tables["statements"], "slogan": tables["slogans"], "number": tables["numbers"]}
    sizes = {t: len(pools[t]) for t in types}
    total = sum(sizes.values())
    if total == 0:
        return pd.DataFrame(columns=_sheet_columns())
    quota = {t: min(sizes[t], max(min(5, sizes[t]), round(n * sizes[t] / total))) for t in types}
    rng = random.Random(seed)
    texts = _article_texts(tables["paragraphs"])
    rows = []
    for t in types:
        df = pools[t].reset_index(drop=True)
        idx = sorted(rng.sample(range(len(df)), quota[t]))
        for i in idx:
            r = df.iloc[i]
            text = texts.get(str(r["article_id"]), "")
            before, item, after = _context(text, int(r["start"]), int(r["end"]))
            row = {
                "item_id": f"{t}:{r['article_id']}:{int(r[t])}",
                "item_type": t, "article_id": r["article_id"], "start": int(r["start"]), "end": int(r["end"]),
                "context_before": before, "item_text": item, "context_after": after,
                "speaker_name": r.get("speaker_name"),
                "speaker_affiliations": r.get("speaker_affiliations") if t == "statement" else None,
                "speaker_area": r.get("speaker_area"),
                "detail": _detail(t, r),
            }
            rows.append(row)
    out = pd.DataFrame(rows)
    for c in CODER_COLUMNS:
        out[c] = ""
    return out[_sheet_columns()]


def _sheet_columns() -> list[str]:
    return ["item_id", "item_type", "article_id", "start", "end", "context_before", "item_text",
            "context_after", "speaker_name", "speaker_affiliations", "speaker_area", "detail",
            *CODER_COLUMNS]


def _detail(t: str, r: pd.Series) -> str:
    if t == "statement":
        return f"{r['kind']} · verb {r['verb']} · via {r['via']}"
    if t == "slogan":
        return f"{r['kind']} · parts {r['parts']}" + (f" · expansion {r['expansion']}" if pd.notna(r["expansion"]) else "")
    return f"{r['kind']} · value {r['value']} · unit {r['unit']} · object {r['object']} · qualifier {r['qualifier']}"


def write_sheet(sheet: pd.DataFrame, path: Path) -> tuple[Path, Path]:
    """Write the CSV (UTF-8 with BOM so spreadsheets open Chinese right) and an HTML reading copy."""
    from tifalab.atomic import atomic_write_bytes, atomic_write_text

    path = Path(path)
    atomic_write_bytes(path, sheet.to_csv(index=False).encode("utf-8-sig"))
    html_path = path.with_suffix(".html")
    atomic_write_text(html_path, sheet_html(sheet))
    return path, html_path


def sheet_html(sheet: pd.DataFrame) -> str:
    """Each item in its context, marked, for reading while coding."""
    parts = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>tifalab coding sheet</title>",
             "<style>body{font-family:'Noto Sans CJK SC','PingFang SC',sans-serif;max-width:60em;margin:2em}"
             ".item{border-bottom:1px solid #ddd;padding:.6em 0} mark{background:#fff3bf}"
             ".meta{color:#555;font-size:.9em}</style></head><body><h1>tifalab coding sheet</h1>",
             f"<p>{len(sheet)} items. Fill the CSV columns: {', '.join(CODER_COLUMNS)}.</p>"]
    for r in sheet.itertuples(index=False):
        parts.append(
            f"<div class='item'><div class='meta'><b>{html.escape(str(r.item_id))}</b> · "
            f"speaker: {html.escape(str(r.speaker_name))} · {html.escape(str(r.detail))}</div>"
            f"<div>…{html.escape(str(r.context_before))}<mark>{html.escape(str(r.item_text))}</mark>"
            f"{html.escape(str(r.context_after))}…</div></div>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


# -- scoring a filled sheet ----------------------------------------------------------------


def _yes_no(v: Any) -> bool | None:
    s = str(v).strip().lower() if v is not None and not (isinstance(v, float) and math.isnan(v)) else ""
    if s in YES:
        return True
    if s in NO:
        return False
    return None


@dataclass
class Score:
    item_type: str
    field: str
    tp: int
    fp: int
    fn: int | None  # None where misses were not coded

    def as_row(self) -> dict[str, Any]:
        p_n = self.tp + self.fp
        precision = self.tp / p_n if p_n else None
        p_lo, p_hi = wilson(self.tp, p_n)
        recall = r_lo = r_hi = f1 = None
        if self.fn is not None:
            r_n = self.tp + self.fn
            recall = self.tp / r_n if r_n else None
            r_lo, r_hi = wilson(self.tp, r_n)
            if precision is not None and recall is not None and precision + recall:
                f1 = 2 * precision * recall / (precision + recall)
        rnd = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"item_type": self.item_type, "field": self.field, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "precision": rnd(precision), "precision_lo": p_lo, "precision_hi": p_hi,
                "recall": rnd(recall), "recall_lo": r_lo, "recall_hi": r_hi, "f1": rnd(f1)}


@dataclass
class ScoreReport:
    scores: pd.DataFrame
    errors: pd.DataFrame
    n_items: int
    n_coded: int
    notes: list[str] = field(default_factory=list)


def read_sheet(path: Path) -> pd.DataFrame:
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValueError(f"{path}: cannot read the coding sheet ({exc})") from exc
    missing = [c for c in ("item_id", "item_type", "correct") if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: coding sheet lacks column(s) {', '.join(missing)}; has {', '.join(df.columns)}")
    return df


def score_sheet(sheet: pd.DataFrame) -> ScoreReport:
    """Precision per item type (and per field), recall where ``missed_in_article`` was coded."""
    rows, errors = [], []
    coded = sheet[sheet["correct"].map(_yes_no).notna()]
    notes = []
    if len(coded) < len(sheet):
        notes.append(f"{len(sheet) - len(coded)} items not coded (empty or unreadable 'correct') were left out")
    for t, g in coded.groupby("item_type", sort=True):
        ok = g["correct"].map(_yes_no)
        tp, fp = int(ok.sum()), int((~ok).sum())
        fn = None
        if "missed_in_article" in g.columns:
            # the first non-blank entry per article: a coder may note misses on any of its rows
            per_article = g.groupby("article_id")["missed_in_article"].agg(
                lambda col: next((x for x in col if str(x).strip()), ""))
            vals = [_count_missed(v) for v in per_article]
            coded_vals = [v for v in vals if v is not None]
            if coded_vals:
                fn = sum(coded_vals)
                # recall only over the articles whose misses were coded
                arts = {a for a, v in zip(per_article.index, vals, strict=True) if v is not None}
                sub = g[g["article_id"].isin(arts)]
                ok_sub = sub["correct"].map(_yes_no)
                rows.append(Score(t, "item (articles with misses coded)", int(ok_sub.sum()),
                                  int((~ok_sub).sum()), fn).as_row())
        rows.append(Score(t, "item", tp, fp, None).as_row())
        for fld, col in (("speaker", "corrected_speaker"), ("affiliation", "corrected_affiliation"),
                         ("value", "corrected_value")):
            if col in g.columns:
                relevant = g[ok] if fld != "speaker" else g
                if fld == "affiliation":
                    relevant = relevant[relevant["item_type"] == "statement"]
                if fld == "value":
                    relevant = relevant[relevant["item_type"] == "number"]
                if relevant.empty:
                    continue
                wrong = relevant[col].astype(str).str.strip() != ""
                rows.append(Score(t, fld, int((~wrong).sum()), int(wrong.sum()), None).as_row())
        for r in g[~ok].itertuples(index=False):
            errors.append({"item_id": r.item_id, "item_type": t, "item_text": getattr(r, "item_text", ""),
                           "speaker_name": getattr(r, "speaker_name", ""), "notes": getattr(r, "notes", "")})
    return ScoreReport(pd.DataFrame(rows), pd.DataFrame(errors), len(sheet), len(coded), notes)


def _count_missed(v: Any) -> int | None:
    s = str(v).strip() if v is not None else ""
    if not s:
        return None
    if re.fullmatch(r"\d+", s):
        return int(s)
    return len([x for x in re.split(r"[;；\n]", s) if x.strip()])


# -- agreement -----------------------------------------------------------------------------


def agreement(a: pd.DataFrame, b: pd.DataFrame, column: str = "correct") -> dict[str, Any]:
    """Percent agreement and Cohen's kappa of two coders on the items both coded."""
    m = a[["item_id", column]].merge(b[["item_id", column]], on="item_id", suffixes=("_a", "_b"))
    xa = m[f"{column}_a"].map(_yes_no)
    xb = m[f"{column}_b"].map(_yes_no)
    both = xa.notna() & xb.notna()
    xa, xb = xa[both].astype(bool), xb[both].astype(bool)
    n = len(xa)
    if n == 0:
        return {"n": 0, "percent_agreement": None, "kappa": None}
    po = float((xa == xb).mean())
    pa, pb = float(xa.mean()), float(xb.mean())
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = None if pe == 1 else (po - pe) / (1 - pe)
    return {"n": n, "percent_agreement": round(po, 4), "kappa": None if kappa is None else round(kappa, 4)}


# -- scoring against gold JSON ------------------------------------------------------------

_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "'": "‘", '"': "“",
                        "(": "（", ")": "）", "’": "‘", "”": "“"})


def _norm(s: str | None) -> str:
    return (s or "").translate(_PUNCT).replace(" ", "").replace("\u3000", "")


def _affs(items: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(_norm(a.get("organization")), _norm(a.get("title"))) for a in items]


def score_gold(gold: Sequence[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> ScoreReport:
    """Score contract JSON objects (``predicted[gold['file']]``) against gold files.

    Item types: speaker (named persons), statement (speaker + where the quote starts),
    term_quote, slogan, number, reporter, headline. Fields are scored on matched items.
    """
    counts: dict[tuple[str, str], list[int]] = {}
    errors: list[dict[str, Any]] = []

    def add(t: str, f: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        c = counts.setdefault((t, f), [0, 0, 0])
        c[0] += tp
        c[1] += fp
        c[2] += fn

    def err(doc: str, t: str, what: str, detail: str) -> None:
        errors.append({"file": doc, "item_type": t, "error": what, "detail": detail})

    for g in gold:
        doc = g["file"]
        pred = predicted.get(doc)
        if pred is None:  # the article failed to parse: every gold item is a miss
            err(doc, "article", "missing", "no prediction for this gold file (parse failed)")
            pred = {"headline": {}, "reporters": [], "photos": [], "statements": [], "term_quotes": [],
                    "slogans": [], "numbers": [], "paragraphs": []}
        _score_headline(g, pred, add, lambda t, w, d, doc=doc: err(doc, t, w, d))
        _score_speakers(g, pred, add, lambda t, w, d, doc=doc: err(doc, t, w, d))
        _score_statement_list(g, pred, add, lambda t, w, d, doc=doc: err(doc, t, w, d))
        _score_sets(g, pred, add, lambda t, w, d, doc=doc: err(doc, t, w, d))
    rows = [Score(t, f, tp, fp, fn).as_row() for (t, f), (tp, fp, fn) in sorted(counts.items())]
    return ScoreReport(pd.DataFrame(rows), pd.DataFrame(errors, columns=["file", "item_type", "error", "detail"]),
                       len(gold), len(gold))


def _score_headline(g: dict[str, Any], pred: dict[str, Any], add: Any, err: Any) -> None:
    if "headline" in g:
        for k, v in g["headline"].items():
            got = pred["headline"].get(k)
            ok = _norm(got) == _norm(v)
            add("headline", k, tp=int(ok), fp=int(not ok and got is not None), fn=int(not ok))
            if not ok:
                err("headline", k, f"gold {v!r}, got {got!r}")
    if "reporters" in g:
        gold_r, got_r = set(g["reporters"]), set(pred.get("reporters", []))
        add("reporter", "name", tp=len(gold_r & got_r), fp=len(got_r - gold_r), fn=len(gold_r - got_r))
        for x in sorted(gold_r ^ got_r):
            err("reporter", "missed" if x in gold_r else "spurious", x)
    if "photos" in g:
        gp = {(_norm(p.get("caption")), p.get("photographer")) for p in g["photos"]}
        pp = {(_norm(p.get("caption")), p.get("photographer")) for p in pred.get("photos", [])}
        add("photo", "caption+photographer", tp=len(gp & pp), fp=len(pp - gp), fn=len(gp - pp))


def _score_speakers(g: dict[str, Any], pred: dict[str, Any], add: Any, err: Any) -> None:
    if "speakers" not in g:
        return
    stmts = [s for s in pred.get("statements", []) if not s.get("nested")]
    by_name: dict[str, list[dict[str, Any]]] = {}
    for s in stmts:
        if s["speaker"].get("kind") == "person" and s["speaker"].get("name"):
            by_name.setdefault(s["speaker"]["name"], []).append(s)
    gold_names = {sp["name"] for sp in g["speakers"]}
    add("speaker", "name", tp=len(gold_names & set(by_name)), fp=len(set(by_name) - gold_names),
        fn=len(gold_names - set(by_name)))
    for x in sorted(set(by_name) - gold_names):
        err("speaker", "spurious", x)
    # statements: (speaker, start of the statement text)
    matched_pred: set[int] = set()
    for sp in g["speakers"]:
        name = sp["name"]
        cand = by_name.get(name, [])
        start = _norm(sp.get("quote_starts"))[:12]
        hit = next((s for s in cand if _norm(s["text"]).startswith(start) or start in _norm(s["text"])[:40]), None)
        if hit is None:
            add("statement", "speaker+start", fn=1)
            err("statement", "missed", f"{name}: {sp.get('quote_starts')}")
            if not cand:
                err("speaker", "missed", name)
            continue
        matched_pred.add(id(hit))
        add("statement", "speaker+start", tp=1)
        kind_ok = (hit["kind"] == "direct") == bool(sp.get("direct_quote"))
        add("speaker", "direct_quote", tp=int(kind_ok), fp=int(not kind_ok), fn=int(not kind_ok))
        for fld, gv, pv in (
            ("verb", sp.get("verb"), hit.get("verb")),
            ("area", sp.get("area"), hit["speaker"].get("area")),
            ("affiliations", _affs(sp.get("affiliations", [])), _affs(hit["speaker"].get("affiliations", []))),
        ):
            ok = (gv == pv) if fld != "area" else (_norm(gv) == _norm(pv))
            add("speaker", fld, tp=int(ok), fp=int(not ok), fn=int(not ok))
            if not ok:
                err("speaker", fld, f"{name}: gold {gv!r}, got {pv!r}")


def _article_text(pred: dict[str, Any]) -> str:
    """The normalized article text, rebuilt from the contract's paragraphs (gaps = newlines)."""
    paras = pred.get("paragraphs", [])
    if not paras:
        return ""
    buf = ["\n"] * max(p["end"] for p in paras)
    for p in paras:
        buf[p["start"]:p["end"]] = list(p["text"])
    return "".join(buf)


def _affs_match(speaker: dict[str, Any], gold_aff: list[tuple[str, str]]) -> bool:
    """Whether a predicted speaker's affiliations equal the gold list, pair by pair.

    Scorer convention (statement-list gold only): the extractor splits the leading area off
    into ``area`` (湖北武汉市江岸区 + 大智街道…小区), while this gold keeps the area inside the
    organization as written. A pair therefore also matches when the gold organization is the
    predicted area followed by the predicted organization. Titles must be equal. The sample
    gold's per-speaker ``area`` check (`_score_speakers`) is separate and unchanged.
    """
    pred = _affs(speaker.get("affiliations", []))
    if len(pred) != len(gold_aff):
        return False
    area = _norm(speaker.get("area"))
    for (po, pt), (go, gt) in zip(pred, gold_aff, strict=True):
        if pt != gt:
            return False
        if po != go and not (area and po and not po.startswith(area) and area + po == go):
            return False
    return True


def _score_statement_list(g: dict[str, Any], pred: dict[str, Any], add: Any, err: Any) -> None:
    """Gold that lists every named statement: ``statements[{speaker, kind, verb, starts, affiliations}]``.

    A predicted statement (named person, not a nested source quote) matches a gold one when the
    speaker is the same and the gold start is the predicted text's start (or lies in its first
    40 characters). Unmatched predictions are false positives: the gold lists all of them.
    """
    if "statements" not in g:
        return
    preds = [s for s in pred.get("statements", [])
             if not s.get("nested") and s["speaker"].get("kind") == "person" and s["speaker"].get("name")]
    used: set[int] = set()
    for gs in g["statements"]:
        start = _norm(gs.get("starts"))[:10]
        kind = gs.get("kind", "direct")
        hit = None
        for i, ps in enumerate(preds):
            if i in used or ps["speaker"]["name"] != gs["speaker"]:
                continue
            t = _norm(ps["text"])
            if t.startswith(start) or start in t[:40]:
                hit = i
                break
        if hit is None:
            for t in ("statement", f"statement:{kind}"):
                add(t, "speaker+start", fn=1)
            err("statement", "missed", f"{gs['speaker']}: {gs.get('starts')} ({kind})")
            continue
        used.add(hit)
        ps = preds[hit]
        for t in ("statement", f"statement:{kind}"):
            add(t, "speaker+start", tp=1)
        for fld, gv, pv in (("kind", kind, ps["kind"]), ("verb", gs.get("verb"), ps.get("verb"))):
            ok = gv == pv
            add("statement", fld, tp=int(ok), fp=int(not ok), fn=int(not ok))
            if not ok:
                err("statement", fld, f"{gs['speaker']} {gs.get('starts')}: gold {gv!r}, got {pv!r}")
        if gs.get("affiliations"):
            gold_aff = [(_norm(o), _norm(t)) for o, t in gs["affiliations"]]
            ok = _affs_match(ps["speaker"], gold_aff)
            add("statement", "affiliations", tp=int(ok), fp=int(not ok), fn=int(not ok))
            if not ok:
                err("statement", "affiliations", f"{gs['speaker']}: gold {gold_aff}, got "
                    f"{_affs(ps['speaker'].get('affiliations', []))}")
    for i, ps in enumerate(preds):
        if i not in used:
            for t in ("statement", f"statement:{ps['kind']}"):
                add(t, "speaker+start", fp=1)
            err("statement", "spurious", f"{ps['speaker']['name']}: {ps['text'][:15]} ({ps['kind']})")


def _score_sets(g: dict[str, Any], pred: dict[str, Any], add: Any, err: Any) -> None:
    if "term_quotes_not_speech" in g:
        gold_t = {_norm(t) for t in g["term_quotes_not_speech"]}
        got_t = {_norm(t["text"]) for t in pred.get("term_quotes", [])}
        add("term_quote", "text", tp=len(gold_t & got_t), fp=len(got_t - gold_t), fn=len(gold_t - got_t))
        stmt_texts = [_norm(s["text"]) for s in pred.get("statements", [])]
        taken = [t for t in gold_t if any(st == t for st in stmt_texts)]
        add("term_quote", "not_speech", tp=len(gold_t) - len(taken), fp=len(taken), fn=len(taken))
        for t in taken:
            err("term_quote", "taken for speech", t)
    if "numbered_slogans" in g:
        got = {_norm(s["text"]): s for s in pred.get("slogans", [])}
        gold_s = {_norm(s["text"]): s for s in g["numbered_slogans"]}
        add("slogan", "text", tp=len(set(got) & set(gold_s)), fp=len(set(got) - set(gold_s)),
            fn=len(set(gold_s) - set(got)))
        for t in sorted(set(got) ^ set(gold_s)):
            err("slogan", "missed" if t in gold_s else "spurious", t)
        for t in set(got) & set(gold_s):
            gp = [list(p) for p in gold_s[t].get("parts", [])]
            ok = [list(p) for p in got[t]["parts"]] == gp
            add("slogan", "parts", tp=int(ok), fp=int(not ok), fn=int(not ok))
            if "speaker" in gold_s[t]:
                ok = got[t].get("speaker") == gold_s[t]["speaker"]
                add("slogan", "speaker", tp=int(ok), fp=int(not ok), fn=int(not ok))
                if not ok:
                    err("slogan", "speaker", f"{t}: gold {gold_s[t]['speaker']}, got {got[t].get('speaker')}")
    if "numeric_targets" in g:
        preds = list(pred.get("numbers", []))
        text = _article_text(pred)
        used: set[int] = set()
        for gn in g["numeric_targets"]:
            ctx = gn.get("context") or ""
            where = [m.start() for m in re.finditer(re.escape(ctx), text)] if ctx else []
            hit = None
            for i, pn in enumerate(preds):
                if i in used or pn.get("value") is None:
                    continue
                if float(pn["value"]) != float(gn["value"]) or pn.get("unit") != gn.get("unit"):
                    continue
                # the predicted span must lie inside an occurrence of the gold context
                if where and not any(w <= pn["start"] and pn["end"] <= w + len(ctx) for w in where):
                    continue
                if not where and not (_norm(pn["text"]) in _norm(ctx) or _norm(ctx) in _norm(pn["text"])):
                    continue
                hit = i
                break
            if hit is None:
                add("number", "value+unit", fn=1)
                err("number", "missed", f"{gn.get('context')}")
                continue
            used.add(hit)
            add("number", "value+unit", tp=1)
            pn = preds[hit]
            for fld in ("object", "kind", "speaker", "qualifier"):
                if fld in gn or fld == "qualifier":
                    ok = (pn.get(fld) or None) == (gn.get(fld) or None)
                    add("number", fld, tp=int(ok), fp=int(not ok), fn=int(not ok))
                    if not ok:
                        err("number", fld, f"{gn.get('context')}: gold {gn.get(fld)!r}, got {pn.get(fld)!r}")
        spurious = [p for i, p in enumerate(preds) if i not in used]
        add("number", "value+unit", fp=len(spurious))
        for p in spurious:
            err("number", "spurious", p["text"])


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold JSON files from a file or a folder (sorted)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise ValueError(f"{path}: no gold .json files")
    out = []
    for f in files:
        try:
            g = json.loads(f.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{f}: not a readable gold JSON file ({exc})") from exc
        if "file" not in g:
            raise ValueError(f"{f}: gold JSON lacks the 'file' key (path of the article it describes)")
        out.append(g)
    return out


def predict_for_gold(gold: Sequence[dict[str, Any]], root: Path, config: Any = None) -> dict[str, dict[str, Any]]:
    """Parse the article each gold file describes (``root / gold['file']``) into contract JSON."""
    from tifalab.contract import article_json
    from tifalab.io import read_inputs
    from tifalab.model import Failure
    from tifalab.pipeline import Pipeline

    pipe = Pipeline(config)
    out: dict[str, dict[str, Any]] = {}
    for g in gold:
        path = Path(root) / g["file"]
        if not path.is_file():
            raise ValueError(f"--inputs: {path}: the article of gold file {g['file']!r} is not there")
        items = list(pipe.parse_many(read_inputs([str(path)])))
        parsed = [i for i in items if not isinstance(i, Failure)]
        if parsed:
            out[g["file"]] = article_json(parsed[0])
    return out


def notebook_runs(gold_path: str | None, sheet_path: str | None, inputs_root: str | None) -> list[tuple[str, ScoreReport]]:
    """What the ``validation`` notebook scores: a filled sheet and/or gold files."""
    from tifalab.paths import shared_dir

    runs: list[tuple[str, ScoreReport]] = []
    if sheet_path:
        runs.append((f"coding sheet {Path(sheet_path).name}", score_sheet(read_sheet(Path(sheet_path)))))
    shared = shared_dir()
    if gold_path is None and shared is not None and (shared / "gold").is_dir():
        gold_path = str(shared / "gold")
    if gold_path:
        root = Path(inputs_root) if inputs_root else shared
        if root is None:
            raise ValueError("inputs_root: not given and ../shared not found")
        gold = load_gold(Path(gold_path))
        runs.append((f"gold {Path(gold_path).name} ({len(gold)} articles)",
                     score_gold(gold, predict_for_gold(gold, root))))
    return runs

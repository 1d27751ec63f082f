"""Precision and recall of statement extraction against hand-annotated People's Daily articles.

Why: the statements table is the heart of tifalab, and researchers must know how far to trust
it. The gold (tests/gold/pd_statements/*.json) was written by reading each article before
running the extractor; it holds, per statement, the speaker's name, the first characters of
the statement, direct/indirect, the verb, and (where the article states them) the speaker's
affiliations. The article text itself is read from ../shared/corpora and never stored here.

A predicted statement matches a gold one when the speaker name is equal and the gold start
lies inside the predicted span (or the predicted text starts with the gold start). Only
statements by named persons count. Run:  python benchmarks/statements_accuracy.py [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tifalab.model import Paragraph
from tifalab.paths import shared_dir
from tifalab.statements import extract_statements

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "pd_statements"


def split_paragraphs(text: str) -> list[Paragraph]:
    """Same simple line splitter the tests use (one body paragraph per non-blank line)."""
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


def _affs(sp) -> list[list[str | None]]:  # type: ignore[no-untyped-def]
    return [[a.organization, a.title] for a in sp.affiliations]


def evaluate(verbose: bool = False) -> dict[str, float]:
    root = shared_dir()
    if root is None:
        raise SystemExit("../shared not found: the benchmark needs the People's Daily corpus")
    corpus = root / "corpora" / "peoples_daily_2019_2020"
    tp = {"direct": 0, "indirect": 0, "all": 0}
    n_gold = {"direct": 0, "indirect": 0, "all": 0}
    n_pred = {"direct": 0, "indirect": 0, "all": 0}
    aff_ok = aff_n = 0
    misses: list[str] = []
    false_pos: list[str] = []
    for gf in sorted(GOLD.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        raw = (corpus / gold["file"]).read_text(encoding="utf-8")
        text = raw.lstrip("\ufeff").replace("\r\n", "\n")
        res = extract_statements(text, split_paragraphs(text), article_id=gold["id"])
        preds = [s for s in res.statements if s.speaker.kind == "person" and s.speaker.name and not s.nested]
        used: set[int] = set()
        for g in gold["statements"]:
            gpos = text.find(g["starts"])
            if gpos < 0:
                raise SystemExit(f"{gf.name}: gold start {g['starts']!r} not found in the article")
            n_gold["all"] += 1
            n_gold[g["kind"]] += 1
            hit = None
            for i, s in enumerate(preds):
                if i in used or s.speaker.name != g["speaker"]:
                    continue
                if s.start <= gpos < max(s.end, s.start + 1) or s.text.startswith(g["starts"][:10]):
                    hit = i
                    break
            if hit is None:
                misses.append(f"{gold['id']}: {g['speaker']} {g['kind']} {g['starts']}")
                continue
            used.add(hit)
            s = preds[hit]
            tp["all"] += 1
            if s.kind == g["kind"]:
                tp[g["kind"]] += 1
            if g.get("affiliations") is not None:
                aff_n += 1
                if _affs(s.speaker) == g["affiliations"]:
                    aff_ok += 1
                elif verbose:
                    print(f"  affiliations {gold['id']} {g['speaker']}: {_affs(s.speaker)} != {g['affiliations']}")
        for i, s in enumerate(preds):
            n_pred["all"] += 1
            n_pred[s.kind] += 1
            if i not in used:
                false_pos.append(f"{gold['id']}: {s.speaker.name} {s.kind} {s.verb} {s.text[:15]}")
    out: dict[str, float] = {}
    for k in ("all", "direct", "indirect"):
        out[f"precision_{k}"] = tp[k] / n_pred[k] if n_pred[k] else 1.0
        out[f"recall_{k}"] = tp[k] / n_gold[k] if n_gold[k] else 1.0
    out["affiliation_exact"] = aff_ok / aff_n if aff_n else 1.0
    print(f"articles: {len(list(GOLD.glob('*.json')))}  gold named statements: {n_gold['all']}"
          f" (direct {n_gold['direct']}, indirect {n_gold['indirect']})  predicted: {n_pred['all']}")
    for k in ("all", "direct", "indirect"):
        print(f"{k:9s} precision {out['precision_' + k]:.3f}  recall {out['recall_' + k]:.3f}")
    print(f"affiliations exact match: {aff_ok}/{aff_n} = {out['affiliation_exact']:.3f}")
    if verbose:
        print("misses:", *misses, sep="\n  ")
        print("false positives:", *false_pos, sep="\n  ")
    return out


if __name__ == "__main__":
    evaluate(verbose="-v" in sys.argv)

"""Harvest candidate official formulations (提法) from the three real corpora, by statistics.

This is the reproducible first half of how ``data/lexicons/formulations.tsv`` was built; the
second half was human curation (keeping genuine 提法, dropping generic phrases such as 深入实施
or 个百分点, and checking the suggested themes).

For each corpus separately (2026 provincial government work reports, CCTV 新闻联播 2022-2026,
People's Daily 2019-2020) it runs :func:`tifalab.discovery.candidate_formulations` (character
n-grams of 3-8 characters: frequency, document frequency, weakest-split PMI, left/right
boundary entropy), then merges the three rankings, counts every surviving candidate in every
corpus, keeps those seen in at least ``--min-corpora`` corpora (or in one corpus with a very high
score) and suggests themes from the ``cues`` column of ``data/lexicons/themes.tsv``.

Usage::

    .venv/bin/python scripts/harvest_formulations.py --every 2 --out build/harvest_candidates.tsv

(the bundled lexicon was harvested with ``--every 2``: every 2nd 新闻联播 day and People's Daily
file, all 31 reports; about 8 min on one core).

The corpora are copyrighted: only the candidate strings and their counts are written.
With ``--write-lexicon KEEP.txt`` it instead turns a curated keep-list (one ``term`` or
``term<TAB>themes`` per line) into the lexicon TSV, filling the ``source`` column with the
measured counts (``gov:12 xwlb:340 pd:55``).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import pandas as pd

from tifalab.discovery import candidate_formulations
from tifalab.paths import lexicon_path, shared_dir

CORPORA = ("gov", "xwlb", "pd")


def load_corpora(root: Path, every: int) -> dict[str, list[str]]:
    """Documents of each corpus (one string per report / day / article); every n-th day/file."""
    c = root / "corpora"
    gov = [
        p.read_text(encoding="utf-8-sig")
        for p in sorted((c / "gov_work_reports_2026_provinces" / "txt").glob("*.txt"))
    ]
    xwlb = [
        p.read_text(encoding="utf-8")
        for p in sorted((c / "cctv_xinwenlianbo_2022_2026" / "news").glob("*.md"))[::every]
    ]
    pd_files = sorted((c / "peoples_daily_2019_2020").glob("*/*/*.txt"))[::every]
    pdd = [p.read_text(encoding="utf-8", errors="replace") for p in pd_files]
    return {"gov": gov, "xwlb": xwlb, "pd": [t for t in pdd if t.strip()]}


def load_theme_cues(path: Path) -> dict[str, list[str]]:
    """Theme id -> cue substrings, from the ``cues`` column of the themes file."""
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    return {r.id: [x for x in r.cues.split("|") if x] for r in df.itertuples()}


def suggest_themes(term: str, cues: dict[str, list[str]]) -> str:
    """Themes whose cue occurs in the term (a suggestion for the curator, not a verdict)."""
    return "|".join(t for t, cs in cues.items() if any(c in term for c in cs))


def corpus_counts(terms: list[str], corpora: dict[str, list[str]]) -> pd.DataFrame:
    """Occurrences (plain substring count) and documents of each term in each corpus."""
    out = {"candidate": terms}
    for name, docs in corpora.items():
        joined = "\n".join(docs)
        out[f"n_{name}"] = [joined.count(t) for t in terms]
    return pd.DataFrame(out)


def harvest(args: argparse.Namespace) -> None:
    root = shared_dir()
    if root is None:
        sys.exit("no ../shared folder: the corpora are needed for the harvest")
    t0 = time.time()
    corpora = load_corpora(root, args.every)
    for k, v in corpora.items():
        print(f"{k}: {len(v)} docs, {sum(map(len, v)) / 1e6:.1f} M chars", file=sys.stderr)
    min_counts = {"gov": args.min_count_gov, "xwlb": args.min_count, "pd": args.min_count}
    frames = []
    for name, docs in corpora.items():
        df = candidate_formulations(
            docs, None, min_count=min_counts[name], max_len=8, top=args.top, min_docs=2
        )
        df["rank_" + name] = range(len(df))
        frames.append(df[["candidate", "score", "pmi", "left_entropy", "right_entropy",
                          "rank_" + name]].rename(columns={
                              "score": f"score_{name}", "pmi": f"pmi_{name}",
                              "left_entropy": f"le_{name}", "right_entropy": f"re_{name}"}))
        print(f"{name}: {len(df)} candidates ({time.time() - t0:.0f} s)", file=sys.stderr)
    merged = frames[0]
    for f in frames[1:]:
        merged = merged.merge(f, on="candidate", how="outer")
    score_cols = [f"score_{n}" for n in CORPORA]
    merged["best_score"] = merged[score_cols].max(axis=1)
    counts = corpus_counts(merged["candidate"].tolist(), corpora)
    merged = merged.merge(counts, on="candidate")
    merged["n_corpora"] = (merged[[f"n_{n}" for n in CORPORA]] > 0).sum(axis=1)
    keep = (merged["n_corpora"] >= args.min_corpora) | (merged["best_score"] >= args.solo_score)
    merged = merged[keep].sort_values("best_score", ascending=False)
    cues = load_theme_cues(Path(args.themes))
    merged["suggested_themes"] = [suggest_themes(t, cues) for t in merged["candidate"]]
    cols = ["candidate", "best_score", "n_corpora", "n_gov", "n_xwlb", "n_pd",
            "suggested_themes", *score_cols]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    merged[cols].to_csv(args.out, sep="\t", index=False, float_format="%.2f")
    print(f"wrote {len(merged)} candidates to {args.out} ({time.time() - t0:.0f} s)",
          file=sys.stderr)


def write_lexicon(args: argparse.Namespace) -> None:
    """Curated keep-list -> formulations.tsv with measured source counts."""
    root = shared_dir()
    corpora = load_corpora(root, args.every) if root else {}
    cues = load_theme_cues(Path(args.themes))
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    lines = Path(args.write_lexicon).read_text(encoding="utf-8-sig").splitlines()
    # a keep-list is ``term [themes [note]]``; an existing lexicon (header term themes source
    # note) can be passed too, to refresh its source counts after editing it by hand
    is_lexicon = bool(lines) and lines[0].split("\t")[:3] == ["term", "themes", "source"]
    for line in lines[1:] if is_lexicon else lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        term = parts[0].strip()
        themes = parts[1].strip() if len(parts) > 1 and parts[1].strip() else ""
        note_col = 3 if is_lexicon else 2
        note = parts[note_col].strip() if len(parts) > note_col else ""
        if term in seen:
            continue
        seen.add(term)
        if not themes:
            themes = suggest_themes(term, cues)
        if not themes:
            sys.exit(f"no theme for {term!r}: give one in the keep-list")
        rows.append((term, themes, note))
    counts = corpus_counts([r[0] for r in rows], corpora) if corpora else None
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["term", "themes", "source", "note"])
        for i, (term, themes, note) in enumerate(rows):
            src = ""
            if counts is not None:
                src = " ".join(
                    f"{n}:{int(counts.iloc[i][f'n_{n}'])}" for n in CORPORA
                    if counts.iloc[i][f"n_{n}"] > 0
                )
            w.writerow([term, themes, src, note])
    print(f"wrote {len(rows)} formulations to {args.out}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="build/harvest_candidates.tsv")
    ap.add_argument("--themes", default=str(lexicon_path("themes.tsv")))
    ap.add_argument("--every", type=int, default=1, help="use every n-th day / article")
    ap.add_argument("--min-count", type=int, default=20)
    ap.add_argument("--min-count-gov", type=int, default=4)
    ap.add_argument("--top", type=int, default=15000)
    ap.add_argument("--min-corpora", type=int, default=2)
    ap.add_argument("--solo-score", type=float, default=80.0)
    ap.add_argument("--write-lexicon", default=None, help="curated keep-list to turn into TSV")
    args = ap.parse_args()
    if args.write_lexicon:
        write_lexicon(args)
    else:
        harvest(args)


if __name__ == "__main__":
    main()

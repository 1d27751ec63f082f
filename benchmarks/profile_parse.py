"""Per-stage parse speed (MB/s of UTF-8 input) on People's Daily files. Prints figures only.

Why: the build's speed is the sum of its stages; this says which stage to work on, and
``--profile`` prints the cProfile functions with the most own time.

Usage: .venv/bin/python benchmarks/profile_parse.py [CORPUS_DIR] [--days N] [--profile]
Default: the first 4 day folders of ../shared/corpora/peoples_daily_2019_2020/2019-02 (~1 MB).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from tifalab.anatomy import parse_article
    from tifalab.formulations import density
    from tifalab.io import read_inputs
    from tifalab.model import Document
    from tifalab.numbers import find_numbers
    from tifalab.pipeline import Parsed, Pipeline, PipelineConfig
    from tifalab.slogans import find_slogans
    from tifalab.statements import extract_statements
    from tifalab.tables import article_rows
    from tifalab.text import normalize

    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?",
                    default=str(ROOT.parent / "shared/corpora/peoples_daily_2019_2020/2019-02"))
    ap.add_argument("--days", type=int, default=4, help="number of day folders to read")
    ap.add_argument("--profile", action="store_true", help="cProfile the whole parse")
    args = ap.parse_args()
    days = sorted(p for p in Path(args.corpus).iterdir() if p.is_dir())[: args.days]
    docs = [d for d in read_inputs([str(p) for p in days]) if isinstance(d, Document)]
    mb = sum(len(d.raw_text.encode("utf-8")) for d in docs) / 1e6
    print(f"{len(docs)} documents, {mb:.2f} MB")

    pipe = Pipeline(PipelineConfig())
    tok, lex = pipe.tokenizer(), pipe.formulation_lexicon()
    for d in docs[:20]:  # warm every lexicon cache
        pipe.parse(d)

    def timed(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        print(f"  {name:<28} {mb / dt:8.2f} MB/s  ({dt:.2f} s)")

    arts = [parse_article(d) for d in docs]
    body = [a for a in arts if not a.is_stub]
    timed("text.normalize", lambda: [normalize(d.raw_text) for d in docs])
    timed("anatomy.parse_article", lambda: [parse_article(d) for d in docs])
    timed("statements.extract", lambda: [extract_statements(a.text, a.paragraphs, article_id=a.id)
                                         for a in body])
    timed("slogans.find_slogans", lambda: [find_slogans(a.text) for a in body])
    timed("numbers.find_numbers", lambda: [find_numbers(a.text) for a in body])
    timed("tokenize (rjieba+forced)", lambda: [tok.tokenize(p.text) for a in body for p in a.paragraphs])
    timed("formulations.density", lambda: [density(p.text, tok, lex) for a in body for p in a.paragraphs
                                           if p.kind in ("body", "heading", "title", "pull_quote")])
    from tifalab.pipeline import StatementLocator

    located = [(a, StatementLocator(a)) for a in body]  # what Pipeline.parse runs: one cut per article
    timed("Pipeline._formulations", lambda: [pipe._formulations(a, loc) for a, loc in located])
    parsed: list[Parsed] = []
    timed("Pipeline.parse (all)", lambda: parsed.extend(pipe.parse(d) for d in docs))
    timed("tables.article_rows", lambda: [article_rows(p) for p in parsed])
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for d in docs:
            article_rows(pipe.parse(d))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(35)


if __name__ == "__main__":
    main()

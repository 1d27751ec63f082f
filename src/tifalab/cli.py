"""The ``tifalab`` command line.

Sub-commands are thin: they parse arguments, call library functions, and turn library errors
into one-line messages that name the bad parameter and the allowed values.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tifalab import __version__

if TYPE_CHECKING:
    from tifalab.pipeline import PipelineConfig


def _cmd_report(args: argparse.Namespace) -> int:
    from tifalab import report

    nb_dir = Path(args.notebooks_dir) if args.notebooks_dir else report.notebooks_dir()
    notebooks = report.resolve_notebooks(args.notebooks, nb_dir)
    param_sets = report.load_param_sets(Path(args.params) if args.params else None)
    base: dict[str, object] = {}
    if args.corpus:
        corpus = Path(args.corpus).resolve()
        if not corpus.exists():
            raise report.ReportError(f"--corpus: {corpus}: no such file or folder")
        base["corpus"] = str(corpus)
        tables = _tables_for_corpus(corpus, Path(args.out), jobs=args.jobs)
        base["tables_dir"] = str(tables)
    if args.tables:
        tables = Path(args.tables).resolve()
        if not (tables / "manifest.json").is_file():
            raise report.ReportError(f"--tables: {tables}: no manifest.json (run `tifalab build` first)")
        base["tables_dir"] = str(tables)
    for ps in param_sets:  # notebooks run in notebooks/: relative paths are the user's, resolve them
        for key, val in ps["parameters"].items():
            if key.endswith(("_path", "_dir", "_root")) and isinstance(val, str) and val:
                p = Path(val).expanduser()
                ps["parameters"][key] = str(p if p.is_absolute() else Path.cwd() / p)
    specs = report.plan_runs(notebooks, param_sets, base, nb_dir)
    if not specs:
        raise report.ReportError("--params: no parameter set selects any of the chosen notebooks")
    results = report.run_batch(specs, Path(args.out), jobs=args.jobs, nb_dir=nb_dir)
    failed = [r for r in results if not r.ok]
    for r in results:
        status = "ok" if r.ok else f"FAILED ({r.error})"
        print(f"{r.notebook:>18} [{r.name}] {r.seconds:6.1f}s {status}")
    print(f"{len(results)} reports, {len(failed)} failed -> {Path(args.out) / 'index.html'}")
    return 1 if failed and args.strict else 0


def _config(args: argparse.Namespace) -> PipelineConfig:
    from tifalab.pipeline import PipelineConfig

    for name in ("formulations", "themes"):
        val = getattr(args, name, None)
        if val and not Path(val).is_file():
            raise ValueError(f"--{name}: {val}: no such file")
    if args.backend not in ("jieba", "rjieba"):
        raise ValueError(f"--backend: {args.backend!r}; allowed: jieba, rjieba")
    return PipelineConfig(
        formulations_path=args.formulations,
        themes_path=args.themes,
        backend=args.backend,
    )


def _cmd_parse(args: argparse.Namespace) -> int:
    import json

    from tifalab.atomic import atomic_open_text
    from tifalab.contract import article_json
    from tifalab.io import read_inputs
    from tifalab.model import Failure
    from tifalab.pipeline import Pipeline

    if args.format != "jsonl":
        raise ValueError(f"--format: {args.format!r}; allowed: jsonl")
    pipe = Pipeline(_config(args))
    n_ok = n_failed = n_skipped = 0

    def emit(out) -> None:  # type: ignore[no-untyped-def]
        nonlocal n_ok, n_failed, n_skipped
        for item in pipe.parse_many(read_inputs(args.paths, text_column=args.text_column)):
            if isinstance(item, Failure):
                if item.stage == "skipped":
                    n_skipped += 1
                    print(f"tifalab parse: {item.reason}", file=sys.stderr)
                    continue
                n_failed += 1
                print(f"tifalab parse: failed: {item.reason}", file=sys.stderr)
                continue
            n_ok += 1
            out.write(json.dumps(article_json(item), ensure_ascii=False) + "\n")

    if args.output and args.output != "-":
        with atomic_open_text(args.output) as fh:
            emit(fh)
    else:
        emit(sys.stdout)
    print(f"tifalab parse: {n_ok} articles, {n_failed} failed, {n_skipped} skipped", file=sys.stderr)
    return 1 if (n_failed and args.strict) else 0


def _cmd_build(args: argparse.Namespace) -> int:
    from tifalab.build import build_corpus

    if args.jobs is not None and args.jobs < 1:
        raise ValueError(f"--jobs: {args.jobs}; allowed: an integer >= 1")
    if args.engine not in ("local", "dask"):
        raise ValueError(f"--engine: {args.engine!r}; allowed: local, dask")
    if (args.scheduler or args.partitions is not None) and args.engine != "dask":
        raise ValueError("--scheduler/--partitions: only with --engine dask")
    if args.partitions is not None and args.partitions < 1:
        raise ValueError(f"--partitions: {args.partitions}; allowed: an integer >= 1")
    if args.engine == "dask":
        from tifalab.build import build_corpus_dask

        result = build_corpus_dask(args.corpus, args.output, scheduler=args.scheduler,
                                   partitions=args.partitions, config=_config(args))
    else:
        result = build_corpus(args.corpus, args.output, jobs=args.jobs, config=_config(args),
                              progress=not args.quiet, use_cache=not args.no_cache)
    print(result.summary_line())
    return 1 if (result.n_failed and args.strict) else 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from tifalab.analysis import load_tables
    from tifalab.validation import sample_items, write_sheet

    tables = load_tables(args.tables)
    types = [t.strip() for t in args.types.split(",") if t.strip()]
    sheet = sample_items(tables, n=args.n, seed=args.seed, types=types)
    csv_path, html_path = write_sheet(sheet, Path(args.output))
    print(f"tifalab sample: {len(sheet)} items -> {csv_path} (reading copy {html_path})")
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    from tifalab import validation as v

    path = Path(args.path)
    if path.suffix.lower() == ".csv":
        sheet = v.read_sheet(path)
        rep = v.score_sheet(sheet)
        if args.second_coder:
            agr = v.agreement(sheet, v.read_sheet(Path(args.second_coder)))
            print(f"agreement: n={agr['n']} percent={agr['percent_agreement']} kappa={agr['kappa']}")
    else:
        gold = v.load_gold(path)
        root = Path(args.inputs) if args.inputs else _default_inputs_root(path)
        rep = v.score_gold(gold, v.predict_for_gold(gold, root))
    for note in rep.notes:
        print(f"note: {note}")
    print(rep.scores.to_string(index=False))
    if not rep.errors.empty:
        print(f"\n{len(rep.errors)} errors:")
        print(rep.errors.to_string(index=False))
    if args.output:
        from tifalab.atomic import atomic_write_text

        out = Path(args.output)
        atomic_write_text(out, rep.scores.to_csv(index=False))
        atomic_write_text(out.with_name(out.stem + "_errors.csv"), rep.errors.to_csv(index=False))
    return 0


def _default_inputs_root(gold_path: Path) -> Path:
    """Gold files name their article relative to ../shared (the sample gold) by default."""
    from tifalab.paths import shared_dir

    shared = shared_dir()
    if shared is None:
        raise ValueError("--inputs: not given and ../shared not found; give the folder the gold 'file' paths start from")
    return shared


def _tables_for_corpus(corpus: Path, out: Path, jobs: int) -> Path:
    """Build (or reuse, when unchanged) the tables of a corpus next to the reports."""
    from tifalab.build import build_corpus

    dest = out / "tables" / corpus.name.replace(" ", "_")
    result = build_corpus([corpus], dest, jobs=jobs, progress=False)
    print(result.summary_line())
    return dest.resolve()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tifalab",
        description="Turn Chinese official news into data: speakers, statements, 提法, "
        "numbered slogans and numeric targets.",
    )
    p.add_argument("--version", action="version", version=f"tifalab {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def lexicon_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--formulations", help="your own 提法 lexicon (TSV: term, themes, …)")
        sp.add_argument("--themes", help="your own themes file (TSV)")
        sp.add_argument("--backend", default="rjieba", help="tokenizer: rjieba (fast, default) or jieba")
        sp.add_argument("--strict", action="store_true", help="exit 1 when any input failed")

    pa = sub.add_parser("parse", help="parse articles and write one JSON object per article")
    pa.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    pa.add_argument("--format", default="jsonl", help="output format: jsonl (default)")
    pa.add_argument("-o", "--output", help="output file (default: stdout)")
    pa.add_argument("--text-column", default="text", help="text column of .csv/.jsonl inputs")
    lexicon_opts(pa)
    pa.set_defaults(func=_cmd_parse)

    b = sub.add_parser("build", help="build the corpus tables (Parquet + manifest.json)")
    b.add_argument("corpus", nargs="+", metavar="CORPUS", help="files or folders")
    b.add_argument("-o", "--output", required=True, help="output folder, e.g. data/processed/NAME")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--no-cache", action="store_true", help="re-parse unchanged inputs too")
    b.add_argument("--engine", default="local", help="local (process pool, default) or dask")
    b.add_argument("--scheduler", help="with --engine dask: a dask.distributed scheduler address")
    b.add_argument("--partitions", type=int, default=None, help="with --engine dask: file partitions")
    lexicon_opts(b)
    b.set_defaults(func=_cmd_build)

    sa = sub.add_parser("sample", help="draw a stratified sample of extracted items into a coding sheet")
    sa.add_argument("tables", metavar="TABLES_DIR", help="a folder written by `tifalab build`")
    sa.add_argument("--n", type=int, default=200, help="items to draw (default 200)")
    sa.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sa.add_argument("--types", default="statement,slogan,number", help="item types, comma list")
    sa.add_argument("-o", "--output", default="coding.csv", help="coding sheet CSV (an .html copy is written beside)")
    sa.set_defaults(func=_cmd_sample)

    sc = sub.add_parser("score", help="score a filled coding sheet (.csv) or gold JSON (file or folder)")
    sc.add_argument("path", metavar="PATH", help="coding.csv, or gold .json file/folder")
    sc.add_argument("--second-coder", help="a second coder's sheet of the same items: agreement")
    sc.add_argument("--inputs", help="folder the gold files' 'file' paths are relative to (default ../shared)")
    sc.add_argument("-o", "--output", help="write scores CSV here (and <name>_errors.csv)")
    sc.set_defaults(func=_cmd_score)

    r = sub.add_parser("report", help="run the analysis notebooks with papermill and render HTML")
    src = r.add_mutually_exclusive_group()
    src.add_argument("--corpus", help="a corpus file or folder: build its tables first")
    src.add_argument("--tables", help="a folder written by `tifalab build`")
    r.add_argument("--notebooks", default="all", help="'all' or a comma list of notebook names")
    r.add_argument("--params", help="YAML file with parameter sets (see notebooks/params/)")
    r.add_argument("--out", default="reports", help="output folder (default: reports)")
    r.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    r.add_argument("--notebooks-dir", help=argparse.SUPPRESS)
    r.add_argument("--strict", action="store_true", help="exit 1 when any notebook failed")
    r.set_defaults(func=_cmd_report)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except (ValueError, FileNotFoundError) as exc:
        print(f"tifalab {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

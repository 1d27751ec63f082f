"""Speed and memory of the build (issue: speed and scale). Prints figures; asserts nothing.

Usage: .venv/bin/python benchmarks/build_speed.py [CORPUS_DIR] [--limit N]
Default corpus: ../shared/corpora/peoples_daily_2019_2020 (40 MB).

(a) plain jieba.lcut (a private jieba.Tokenizer, HMM on) over the same text, one process
(b) parsing without tokens (anatomy, statements, slogans, numbers), one process
(c) the full build (with 提法 matching on the rjieba tokenizer), jobs=1 and jobs=2
plus peak RSS of the build process tree, and an incremental build with one changed file.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _files(corpus: Path, limit: int | None) -> list[Path]:
    from tifalab.build import _list_inputs

    files, _ = _list_inputs([corpus])
    return files[:limit] if limit else files


def _mb(files: list[Path]) -> float:
    return sum(f.stat().st_size for f in files) / 1e6


def bench_jieba(files: list[Path]) -> float:
    import jieba

    tok = jieba.Tokenizer()
    tok.tmp_dir = tempfile.mkdtemp()
    tok.initialize()
    texts = [f.read_text("utf-8", errors="replace") for f in files]
    t0 = time.perf_counter()
    for t in texts:
        tok.lcut(t)
    return time.perf_counter() - t0


def bench_parse_no_tokens(files: list[Path]) -> float:
    from tifalab.io import read_inputs
    from tifalab.pipeline import Pipeline, PipelineConfig

    pipe = Pipeline(PipelineConfig(formulations=False))
    docs = list(read_inputs([str(f) for f in files]))
    t0 = time.perf_counter()
    for _ in pipe.parse_many(docs):
        pass
    return time.perf_counter() - t0


def bench_build(inputs: list[str], jobs: int, dest: Path, extra: list[str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process) of `tifalab build` in a fresh process."""
    cmd = [sys.executable, "-m", "tifalab.cli", "build", *inputs, "-o", str(dest), "--jobs", str(jobs), "--quiet"]
    t0 = time.perf_counter()
    subprocess.run(cmd + (extra or []), check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/corpora/peoples_daily_2019_2020"))
    ap.add_argument("--limit", type=int, default=None, help="first N files only")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        sys.exit(f"{corpus}: not found")
    files = _files(corpus, args.limit)
    mb = _mb(files)
    print(f"corpus: {corpus} — {len(files)} files, {mb:.1f} MB, {os.cpu_count()} cores")
    sample = files[: max(1, len(files) // 10)]
    smb = _mb(sample)
    t = bench_jieba(sample)
    a = smb / t
    print(f"(a) jieba.lcut, 1 process:            {a:6.2f} MB/s  ({smb:.1f} MB in {t:.1f} s)")
    t = bench_parse_no_tokens(sample)
    print(f"(b) parse without tokens, 1 process:  {smb / t:6.2f} MB/s  ({smb:.1f} MB in {t:.1f} s)")
    inputs = [str(corpus)] if not args.limit else [str(f) for f in files]
    with tempfile.TemporaryDirectory() as tmp:
        res = {}
        for jobs in (1, 2):
            dest = Path(tmp) / f"j{jobs}"
            wall, peak = bench_build(inputs, jobs, dest, ["--no-cache"])
            res[jobs] = wall
            print(f"(c) full build jobs={jobs}:              {mb / wall:6.2f} MB/s  ({wall:.1f} s; peak RSS of a process {peak:.0f} MB)")
        print(f"    (c)/(a) at jobs=2: {(mb / res[2]) / a:.1f}x ; jobs=2 vs jobs=1: {res[1] / res[2]:.2f}x")
        # incremental: build with cache, change one file, build again
        work = Path(tmp) / "copy"
        shutil.copytree(corpus, work) if not args.limit else None
        src = [str(work)] if not args.limit else inputs
        dest = Path(tmp) / "inc"
        wall, _ = bench_build(src, 2, dest)
        print(f"default fresh build jobs=2 (also writes the per-file cache): {wall:.1f} s")
        victim = next(Path(work).rglob("*.txt")) if not args.limit else Path(files[0])
        if not args.limit:
            victim.write_text(victim.read_text("utf-8") + "\n　　新增一段。\n", encoding="utf-8")
        wall, _ = bench_build(src, 2, dest)
        print(f"incremental build, one changed file: {wall:.1f} s")


if __name__ == "__main__":
    main()

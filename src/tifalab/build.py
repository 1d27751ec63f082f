"""Corpus build: inputs -> Parquet tables + manifest.json, incremental and parallel.

Why this shape:
- Every input ends in the manifest as parsed or failed with its reason (nothing is dropped).
- Each input file's rows are cached under ``.cache/`` keyed by its sha256, the package version
  and the lexicons' hash, so an unchanged input is never parsed again.
- Workers parse files; the parent writes rows in input order, so output is identical whatever
  ``jobs`` is, and Parquet is written in row groups so memory stays flat as the corpus grows.
- Every output file appears atomically (temp file + rename): a killed build leaves the previous
  outputs intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from multiprocessing import get_context
from operator import add
from pathlib import Path
from typing import Any, ClassVar

from tifalab import __version__
from tifalab.atomic import atomic_path, atomic_write_bytes, atomic_write_text, clean_stale_temps
from tifalab.pipeline import Parsed, Pipeline, PipelineConfig
from tifalab.tables import TABLES

_ROW_TABLES = tuple(t for t in TABLES if t != "failures")  # the tables rows of articles go to

ROW_GROUP_FILES = 256  # input files per Parquet row group: fixed, so output never depends on jobs
BATCH_FILES = 32  # files per worker task (inside one row group): few round trips, even load
CACHE_DIR = ".cache"


@dataclass
class InputRecord:
    """One input file's fate, as written to the manifest."""

    path: str
    sha256: str | None
    status: str  # parsed | failed | partial (some documents failed) | skipped (not an article file)
    n_articles: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    cached: bool = False  # rows came from the cache: the file was unchanged


@dataclass
class BuildResult:
    dest: Path
    inputs: list[InputRecord]
    counts: dict[str, int]
    seconds: float
    n_parsed: int
    n_cached: int
    n_failed: int

    def summary_line(self) -> str:
        return (
            f"tifalab build: {self.counts.get('articles', 0)} articles, "
            f"{self.counts.get('statements', 0)} statements, {self.n_failed} failures "
            f"({self.n_parsed} parsed, {self.n_cached} unchanged) in {self.seconds:.1f} s -> {self.dest}"
        )


# -- helpers -------------------------------------------------------------------------------


def _sha256(path: Path | str) -> str:
    """sha256 of a file's bytes.

    Unbuffered ``os.read`` of up to 1 MiB at a time: every build hashes every input, and on
    10,000 small news files the buffered reader's per-file set-up was most of the time
    (0.47 -> 0.12 s in one measurement).
    """
    h = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY)
    try:
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
    finally:
        os.close(fd)
    return h.hexdigest()


def lexicon_fingerprint(config: PipelineConfig) -> dict[str, str]:
    """sha256 of every lexicon file the build depends on (bundled and user-given)."""
    from tifalab.paths import data_dir

    files: list[Path] = []
    bundled = data_dir() / "lexicons"
    lex_dir = Path(config.lexicon_dir) if config.lexicon_dir else bundled
    # the bundled lists are always hashed: a user folder may override only some of them
    for folder in dict.fromkeys([bundled, lex_dir]):
        if folder.is_dir():
            files.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    for extra in (config.formulations_path, config.themes_path):
        if extra:
            files.append(Path(extra))
    out = {}
    for p in files:
        try:
            out[p.name if p.parent == bundled else str(p)] = _sha256(p)
        except OSError as exc:
            raise ValueError(f"{p}: lexicon file cannot be read ({exc.strerror})") from exc
    return out


def code_fingerprint() -> str:
    """sha256 over the package's source: a changed parser must not reuse cached rows."""
    h = hashlib.sha256()
    for p in sorted(Path(__file__).parent.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


# A cache entry: magic, the JSON's length (8 bytes, little-endian), then the compact UTF-8 JSON
# of the file's rows compressed with zstd (level 1). Why not gzip: every fresh build writes one
# entry per input, and gzip at its fastest level took as long as encoding the JSON (about 6 %
# of a build's CPU); zstd (pyarrow's codec, no new dependency) compresses to the same size in
# a third of that time and decompresses faster too. The suffix differs from the old
# ``.json.gz`` entries, which no build reads again (their salt no longer matches anyway).
_CACHE_MAGIC = b"TFZ1"
CACHE_SUFFIX = ".json.zst"
_ZSTD: Any = None  # pyarrow's zstd codec, made on first use in each process


def _zstd() -> Any:
    global _ZSTD
    if _ZSTD is None:
        import pyarrow as pa

        _ZSTD = pa.Codec("zstd", compression_level=1)
    return _ZSTD


def _cache_payload(res: dict[str, Any]) -> bytes:
    """The bytes of a cache entry (see ``_CACHE_MAGIC``)."""
    raw = json.dumps(res, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _CACHE_MAGIC + len(raw).to_bytes(8, "little") + _zstd().compress(raw, asbytes=True)


def _load_cached(cfile: Path) -> dict[str, Any] | None:
    """A cache entry's rows; None when it is absent, damaged or of another format."""
    try:
        data = cfile.read_bytes()
        if data[:4] != _CACHE_MAGIC or len(data) < 12:
            return None
        size = int.from_bytes(data[4:12], "little")
        # the codec raises OSError on damaged data or a length that does not match
        return json.loads(_zstd().decompress(data[12:], decompressed_size=size, asbytes=True))
    except (OSError, ValueError, EOFError):
        return None


def _cache_key(sha: str, path: str, salt: str) -> str:
    """Content, path (ids and sources come from it) and everything the parse depends on."""
    return hashlib.sha256(f"{sha}:{os.path.abspath(path)}:{salt}".encode()).hexdigest()[:40]


# -- worker side ---------------------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None  # one per worker process, set by the pool initializer
_WORKER_SCHEMAS = False  # the worker has adopted the parent's Arrow schemas (see ``_work``)


def _init_worker(config_dict: dict[str, Any], schemas: dict[str, Any] | None = None) -> None:
    global _WORKER_PIPELINE
    if schemas:
        from tifalab.tables import use_arrow_schemas

        use_arrow_schemas(schemas)
    _WORKER_PIPELINE = Pipeline(PipelineConfig(**config_dict))


def _parse_file(path: str, pipeline: Pipeline) -> dict[str, Any]:
    """Read and parse one input file into JSON-able rows and failures."""
    from tifalab.io import read_inputs
    from tifalab.model import Failure
    from tifalab.tables import article_rows

    articles: list[dict[str, list[dict[str, Any]]]] = []
    failures: list[dict[str, str]] = []
    for item in pipeline.parse_many(read_inputs([path])):
        if isinstance(item, Failure):
            failures.append({"source": item.source, "stage": item.stage, "reason": item.reason})
        else:
            assert isinstance(item, Parsed)
            articles.append(article_rows(item))
    return {"articles": articles, "failures": failures}


Task = tuple[str, str | None, str | None]  # (path, sha256, cache file or None)


def _work(batch: list[Task], schemas: bytes | None = None) -> dict[str, Any]:
    """One batch in a worker. ``schemas``: the pickled Arrow schemas (see ``_start_pool``),
    adopted by the worker's first batch."""
    global _WORKER_SCHEMAS
    assert _WORKER_PIPELINE is not None
    if schemas is not None and not _WORKER_SCHEMAS:
        from tifalab.tables import use_arrow_schemas

        use_arrow_schemas(pickle.loads(schemas))
        _WORKER_SCHEMAS = True
    return _do_batch(batch, _WORKER_PIPELINE)


def _do_batch(batch: list[Task], pipeline: Pipeline) -> dict[str, Any]:
    """Parse a batch of files and return its rows as Arrow tables plus per-file facts.

    Why Arrow here: the rows of a batch cross the process boundary as a few column buffers
    instead of hundreds of thousands of pickled dicts (pickling them cost more than the
    conversion), and the conversion runs in the workers, in parallel, not in the parent that
    also writes Parquet. Per file: its failures, article ids and each article's row count per
    table, so the parent can slice the file out again (and rebuild its rows in the rare case
    that an article id repeats; see ``_GroupRows``).
    """
    from tifalab.tables import to_arrow

    files: list[dict[str, Any]] = []
    articles: list[dict[str, list[dict[str, Any]]]] = []
    for path, sha, cache_file in batch:
        res = _do_task(path, sha, cache_file, pipeline)
        arts = res["articles"]
        files.append({
            "failures": res["failures"],
            "ids": [a["articles"][0]["article_id"] if a["articles"] else None for a in arts],
            "counts": (counts := [tuple(len(a[t]) for t in _ROW_TABLES) for a in arts]),
            # the file's rows per table: the parent slices it out without summing per article
            "rows": tuple(map(sum, zip(*counts, strict=True))) if counts else (0,) * len(_ROW_TABLES),
        })
        articles.extend(arts)
    tables = to_arrow(articles)
    return {"files": files, "tables": {t: tables[t] for t in _ROW_TABLES}}


def _do_task(path: str, sha: str | None, cache_file: str | None, pipeline: Pipeline) -> dict[str, Any]:
    res = _parse_file(path, pipeline)
    if cache_file and sha:
        atomic_write_bytes(cache_file, _cache_payload(res), durable=False)  # a damaged entry is re-parsed
    return res


# -- parent side ---------------------------------------------------------------------------


def _list_inputs(inputs: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[dict[str, str]]]:
    from tifalab.io import list_inputs
    from tifalab.model import Failure

    files: list[Path] = []
    failures: list[dict[str, str]] = []
    for item in list_inputs([str(p) for p in inputs]):
        if isinstance(item, Failure):
            failures.append({"source": item.source, "stage": item.stage, "reason": item.reason})
        else:
            files.append(item if isinstance(item, Path) else Path(item))  # no second parse
    return files, failures


class _TableWriter:
    """Streams each table to Parquet in row groups, into temp files renamed at the end.

    ``copies=True`` (an incremental build that keeps row groups of the previous output): a
    kept group is copied as bytes (``copy_group``) instead of decoded and encoded again, and
    new groups are encoded by pyarrow one at a time and appended the same way; the files equal
    ParquetWriter's byte for byte (see ``tifalab.parquet_assembly``). Otherwise pyarrow's
    ParquetWriter writes the files directly (re-basing each group's footer entry would cost
    ~2 ms per group and table for nothing).
    """

    OPTIONS: ClassVar[dict[str, Any]] = {"compression": "zstd"}  # ParquetWriter options of every table

    def __init__(self, dest: Path, copies: bool = False) -> None:
        import contextlib

        self.dest = dest
        self.copies = copies
        self._stack = contextlib.ExitStack()
        self._writers: dict[str, Any] = {}  # table -> ParquetWriter, or AssembledFile (copies)
        self._schemas: dict[str, Any] = {}  # table -> Arrow schema of its file
        self._tmp: dict[str, Path] = {}
        self._n_groups: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def _writer(self, name: str, schema: Any) -> Any:
        w = self._writers.get(name)
        if w is None:
            tmp = self._stack.enter_context(atomic_path(self.dest / f"{name}.parquet"))
            self._tmp[name] = tmp
            if self.copies:
                from tifalab.parquet_assembly import AssembledFile, empty_footer

                w = AssembledFile(open(tmp, "wb"), empty_footer(schema, **self.OPTIONS))  # noqa: SIM115
            else:
                import pyarrow.parquet as pq

                w = pq.ParquetWriter(str(tmp), schema, **self.OPTIONS)
            self._writers[name] = w
            self._schemas[name] = schema
        return w

    def write(self, frames: dict[str, Any]) -> dict[str, int | None]:
        """Write one row group per non-empty table; return each table's row-group index."""
        import pyarrow as pa

        rg: dict[str, int | None] = {}
        for name, df in frames.items():
            table = df if isinstance(df, pa.Table) else pa.Table.from_pandas(df, preserve_index=False)
            w = self._writer(name, table.schema)
            rg[name] = None
            if table.num_rows:
                # exactly one row group per write, so a later build can copy it by index
                if self.copies:
                    from tifalab.parquet_assembly import encode_row_group

                    rg[name] = w.append(encode_row_group(table, self._schemas[name], **self.OPTIONS))
                else:
                    w.write_table(table, row_group_size=table.num_rows)
                    rg[name] = self._n_groups.get(name, 0)
                    self._n_groups[name] = rg[name] + 1
            self.counts[name] = self.counts.get(name, 0) + table.num_rows
        return rg

    def copy_group(self, name: str, schema: Any, group: Any) -> int | None:
        """Append an encoded row group (``RowGroupBytes``, None: no rows) of table ``name``."""
        assert self.copies
        w = self._writer(name, schema)
        if group is None:
            self.counts.setdefault(name, 0)
            return None
        self.counts[name] = self.counts.get(name, 0) + group.num_rows
        return w.append(group)

    def close(self, ok: bool, before_commit: Any = None) -> None:
        """Finish the files; on success call ``before_commit(temp_paths, stack)`` then rename all.

        The previous manifest is removed before the renames: if the run dies between the
        renames and the new manifest, the next build finds no manifest and so never copies
        row groups by stale indexes (it reads its per-file cache instead).
        """
        for w in self._writers.values():
            if not self.copies:
                w.close()
                continue
            try:
                if ok:
                    w.finish()
            finally:
                w.fh.close()
        if ok:
            if before_commit is not None:
                before_commit(dict(self._tmp), self._stack)
            (self.dest / "manifest.json").unlink(missing_ok=True)
            self._stack.close()  # renames every temp file into place
            return
        self._stack.pop_all()  # never rename a partial table into place
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)


def build_corpus(
    inputs: Sequence[str | os.PathLike[str]],
    dest: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    config: PipelineConfig | None = None,
    progress: bool = True,
    use_cache: bool = True,
) -> BuildResult:
    """Build every table of ``inputs`` into ``dest``; see the module docstring."""
    from tifalab.tables import to_arrow as to_frames

    t0 = time.perf_counter()
    config = config or PipelineConfig()
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(dest)
    jobs = max(1, jobs or os.cpu_count() or 1)
    lex = lexicon_fingerprint(config)
    salt = hashlib.sha256(
        json.dumps({"v": __version__, "code": code_fingerprint(), "lex": lex, "cfg": config.as_dict()},
                   sort_keys=True).encode()
    ).hexdigest()
    cache_dir = dest / CACHE_DIR
    cache_dir.mkdir(exist_ok=True)

    # Start the workers now, so their start-up and lexicon loading overlap the listing and
    # hashing below. Without a usable previous build every file is parsed: all workers. With
    # one, an incremental build usually parses a few changed files: one worker, killed if
    # nothing changed, replaced by all workers if much changed (see ``_SPECULATIVE_BATCHES``).
    prev = _previous(dest, salt) if use_cache else None
    pool = None
    speculative = False
    if jobs > 1:
        speculative = prev is not None
        pool = _start_pool(config, 1 if speculative else jobs)
    try:
        files, list_failures = _list_inputs(inputs)
        records: dict[str, InputRecord] = {}
        shas: dict[str, str | None] = {}
        for f in files:
            path = str(f)
            try:
                shas[path] = _sha256(f)
            except OSError as exc:
                shas[path] = None
                reason = f"{path}: cannot read ({exc.strerror or type(exc).__name__})"
                records[path] = InputRecord(path, None, "failed",
                                            failures=[{"source": path, "stage": "read", "reason": reason}])
        groups = [[str(f) for f in files[i:i + ROW_GROUP_FILES]] for i in range(0, len(files), ROW_GROUP_FILES)]
        keys = [_group_key(g, shas, salt) for g in groups]
        reusable = {gi for gi, k in enumerate(keys) if prev and gi < len(prev["row_groups"])
                    and prev["row_groups"][gi]["key"] == k}
        tasks: list[list[Task]] = []  # batches of at most BATCH_FILES files, never across groups
        cached: dict[str, Path] = {}  # loaded one at a time while writing: memory stays flat
        in_tasks: set[str] = set()
        for gi, group in enumerate(groups):
            if not tasks or tasks[-1]:
                tasks.append([])
            for path in group:
                sha = shas[path]
                if sha is None:
                    continue
                # no cache file name without the cache: a key and a path per file cost ~0.1 s
                cfile = cache_dir / f"{_cache_key(sha, path, salt)}{CACHE_SUFFIX}" if use_cache else None
                records[path] = InputRecord(path, sha, "parsed")
                if cfile is not None and cfile.is_file():
                    cached[path] = cfile
                    records[path].cached = True
                elif gi not in reusable:
                    if len(tasks[-1]) >= BATCH_FILES:
                        tasks.append([])
                    tasks[-1].append((path, sha, str(cfile) if cfile is not None else None))
                    in_tasks.add(path)
        tasks = [b for b in tasks if b]
        if speculative and pool is not None and (not tasks or len(tasks) > _SPECULATIVE_BATCHES):
            _kill_pool(pool)
            pool = _start_pool(config, jobs) if tasks else None
    except BaseException:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        raise

    writer = _TableWriter(dest, copies=bool(reusable))
    previous = _Previous(dest)
    ok = False
    group_meta: list[dict[str, Any]] = []
    try:
        results = _run_tasks(tasks, config, jobs, progress, pool)
        fallback: Pipeline | None = None
        seen_ids: set[str] = set()
        listed = {rec["source"] for rec in list_failures}
        for rec in list_failures:
            status = "skipped" if rec["stage"] == "skipped" else "failed"
            records.setdefault(rec["source"], InputRecord(rec["source"], None, status, failures=[rec]))
        for gi, group in enumerate(groups):
            if gi in reusable and prev is not None:
                rg = _reuse_group(prev, gi, previous, writer, seen_ids)
                if rg is not None:
                    for path in group:
                        _restore_record(records, path, prev["inputs"].get(path))
                    group_meta.append({"key": keys[gi], "rg": rg})
                    continue
            rows = _GroupRows(seen_ids)
            batch_failures: list[dict[str, str]] = []
            for path in group:
                rec = records[path]
                if rec.status in ("failed", "skipped"):
                    if rec.path not in listed:
                        batch_failures.extend(rec.failures)
                    continue
                res: dict[str, Any] | _FileRows | None
                if path in cached:
                    res = _load_cached(cached[path])
                elif path in in_tasks:
                    res = next(results)
                else:
                    res = None  # a group we hoped to reuse: parse here
                if res is None:  # (or a damaged cache entry): parsed again, here
                    fallback = fallback or Pipeline(config)
                    cfile = cached.get(path) or cache_dir / f"{_cache_key(rec.sha256 or '', path, salt)}{CACHE_SUFFIX}"
                    res = _do_task(path, rec.sha256, str(cfile) if use_cache else None, fallback)
                    rec.cached = False
                if isinstance(res, _FileRows):
                    rec.n_articles = len(res.ids)
                    failures = res.failures
                    rows.add_file(res)
                else:
                    rec.n_articles = len(res["articles"])
                    failures = res["failures"]
                    rows.add_articles(res["articles"])
                rec.failures = failures
                if failures:
                    rec.status = "failed" if not rec.n_articles else "partial"
                batch_failures.extend(failures)
            group_meta.append({"key": keys[gi], "rg": writer.write(rows.tables(batch_failures))})
        # failures found while listing inputs (loops, empty folders, skipped files) come last
        writer.write(to_frames([], list_failures))
        ok = True
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=not ok)
        previous.close()
        writer.close(ok, before_commit=lambda tmps, stack: _stage_corpus_speakers(dest, tmps, stack))

    counts = {t: writer.counts.get(t, 0) for t in TABLES}
    file_keys = {str(f) for f in files}  # built once: rebuilding it per record was O(n²)
    recs = [records[str(f)] for f in files] + [r for k, r in records.items() if k not in file_keys]
    n_failed = sum(1 for r in recs if r.status in ("failed", "partial"))
    result = BuildResult(
        dest=dest,
        inputs=recs,
        counts=counts,
        seconds=time.perf_counter() - t0,
        n_parsed=sum(1 for r in recs if r.status in ("parsed", "partial") and not r.cached),
        n_cached=sum(1 for r in recs if r.cached),
        n_failed=n_failed,
    )
    _write_manifest(result, config, lex, inputs, salt=salt, row_groups=group_meta)
    return result


def _group_key(group: list[str], shas: dict[str, str | None], salt: str) -> str:
    """Fingerprint of a row group: its files (path and content) and what the parse depends on."""
    h = hashlib.sha256(salt.encode())
    for path in group:
        h.update(f"{os.path.abspath(path)}\0{shas[path]}\n".encode())
    return h.hexdigest()


def _previous(dest: Path, salt: str) -> dict[str, Any] | None:
    """The previous build's manifest, if it was made with the same code, lexicons and config."""
    try:
        m = json.loads((dest / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if m.get("salt") != salt or "row_groups" not in m:
        return None
    from tifalab.tables import TABLES

    if not all((dest / f"{t}.parquet").is_file() for t in TABLES):
        return None
    m["inputs"] = {r["path"]: r for r in m.get("inputs", [])}
    return m


class _Previous:
    """The previous build's table files, opened once for all the row groups copied from them."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self._open: dict[str, Any] = {}  # table -> (file handle, decoded footer) or None

    def table(self, name: str) -> tuple[Any, Any] | None:
        """(handle, footer) of a table whose schema is the current one, else None."""
        if name not in self._open:
            import pyarrow.parquet as pq

            from tifalab.parquet_assembly import AssemblyError, read_footer
            from tifalab.tables import arrow_schema

            path = self.dest / f"{name}.parquet"
            entry = None
            try:
                if pq.read_schema(path).equals(arrow_schema(name)):
                    fh = open(path, "rb")  # noqa: SIM115 - closed in close()
                    try:
                        entry = (fh, read_footer(fh=fh)[0])
                    except AssemblyError:
                        fh.close()
                        entry = None
            except (OSError, ValueError):
                entry = None
            self._open[name] = entry
        return self._open[name]

    def close(self) -> None:
        for entry in self._open.values():
            if entry is not None:
                entry[0].close()
        self._open.clear()


def _reuse_group(prev: dict[str, Any], gi: int, previous: _Previous, writer: _TableWriter,
                 seen_ids: set[str]) -> dict[str, int | None] | None:
    """Copy row group ``gi`` of every table from the previous output (all its inputs are
    unchanged): the incremental build's fast path. None when it cannot be reused safely.

    The group's bytes are copied, not decoded and encoded again; only its article ids are
    read (to keep ids unique as a clean build would)."""
    import pyarrow.parquet as pq

    from tifalab.parquet_assembly import AssemblyError, row_group_from_file
    from tifalab.tables import TABLES, arrow_schema

    rg = prev["row_groups"][gi]["rg"]
    try:
        groups = {}
        for t in TABLES:
            idx = rg.get(t)
            if idx is None:
                groups[t] = None
                continue
            entry = previous.table(t)
            if entry is None:
                return None
            groups[t] = row_group_from_file(entry[0], entry[1], idx)
        ids_idx = rg.get("articles")
        ids: set[str] = set()
        if ids_idx is not None:
            col = pq.ParquetFile(previous.dest / "articles.parquet").read_row_group(ids_idx, columns=["article_id"])
            ids = set(col.column("article_id").to_pylist())
    except (OSError, ValueError, KeyError, IndexError, AssemblyError):
        return None
    if ids & seen_ids or any("~" in i for i in ids):
        # an earlier file now claims one of these ids, or a suffix depended on earlier files:
        # parse the group again so the output equals a clean build
        return None
    seen_ids.update(ids)
    return {t: writer.copy_group(t, arrow_schema(t), groups[t]) for t in TABLES}


def _restore_record(records: dict[str, InputRecord], path: str, prev: dict[str, Any] | None) -> None:
    rec = records.get(path)
    if rec is None or prev is None:
        return
    rec.status = prev.get("status", rec.status)
    rec.n_articles = prev.get("n_articles", 0)
    rec.failures = prev.get("failures", [])
    rec.cached = True


@dataclass
class _FileRows:
    """One parsed file's rows: a row range of its batch's Arrow tables (see ``_do_batch``)."""

    failures: list[dict[str, str]]
    ids: list[str | None]  # article ids, in order
    counts: list[tuple[int, ...]]  # rows per table (``_ROW_TABLES`` order) of each article
    tables: dict[str, Any]  # the batch's tables
    offsets: tuple[int, ...]  # first row of this file in each batch table
    ends: tuple[int, ...]  # one past its last row in each batch table


def _file_rows(batch: dict[str, Any]) -> Iterator[_FileRows]:
    """Split a batch result into its files, in order (row ranges, nothing copied)."""
    start: tuple[int, ...] = (0,) * len(_ROW_TABLES)
    for f in batch["files"]:
        end = tuple(map(add, start, f["rows"]))
        yield _FileRows(f["failures"], f["ids"], f["counts"], batch["tables"], start, end)
        start = end


class _GroupRows:
    """The rows of one row group, gathered in file order from worker tables and from dict rows
    (cache entries, files parsed in the parent), with repeated article ids given ``~N``.

    Consecutive files of one batch become one zero-copy slice; dict rows are converted with
    ``to_arrow`` in runs. A worker file whose ids repeat an earlier id (rare) is turned back
    into dict rows so ``_dedupe_ids`` renames exactly as it always did.
    """

    def __init__(self, seen_ids: set[str]) -> None:
        self.seen = seen_ids
        self.pieces: dict[str, list[Any]] = {t: [] for t in _ROW_TABLES}
        self.pending: list[dict[str, list[dict[str, Any]]]] = []  # dict rows not yet converted
        # the current run of consecutive files of one batch: (tables, start rows, end rows)
        self.run: tuple[dict[str, Any], tuple[int, ...], tuple[int, ...]] | None = None

    def add_articles(self, articles: list[dict[str, list[dict[str, Any]]]]) -> None:
        self._flush_run()
        self.pending.extend(_dedupe_ids(articles, self.seen))

    def add_file(self, fr: _FileRows) -> None:
        ids = [i for i in fr.ids if i is not None]
        if len(set(ids)) < len(ids) or not self.seen.isdisjoint(ids):
            self.add_articles(_articles_of(fr))
            return
        self.seen.update(ids)
        self._flush_pending()
        if self.run is not None and self.run[0] is fr.tables and self.run[2] == fr.offsets:
            self.run = (fr.tables, self.run[1], fr.ends)  # the next file of the same batch
        else:
            self._flush_run()
            self.run = (fr.tables, fr.offsets, fr.ends)

    def _flush_run(self) -> None:
        if self.run is not None:
            tables, start, end = self.run
            for k, t in enumerate(_ROW_TABLES):
                self.pieces[t].append(tables[t].slice(start[k], end[k] - start[k]))
            self.run = None

    def _flush_pending(self) -> None:
        if self.pending:
            from tifalab.tables import to_arrow

            tabs = to_arrow(self.pending)
            for t in _ROW_TABLES:
                self.pieces[t].append(tabs[t])
            self.pending = []

    def tables(self, failures: list[dict[str, str]]) -> dict[str, Any]:
        """Every table of the group (``TABLES`` order), failures last as in ``to_arrow``."""
        import pyarrow as pa

        from tifalab.tables import arrow_schema

        self._flush_run()
        self._flush_pending()
        out: dict[str, Any] = {}
        for t in TABLES:
            if t == "failures":
                out[t] = pa.Table.from_pylist(failures, schema=arrow_schema(t))
            elif self.pieces[t]:
                out[t] = pa.concat_tables(self.pieces[t])
            else:
                out[t] = arrow_schema(t).empty_table()
        return out


def _articles_of(fr: _FileRows) -> list[dict[str, list[dict[str, Any]]]]:
    """A worker file's rows back as per-article dict rows (what ``article_rows`` gave)."""
    rows = {}
    for k, t in enumerate(_ROW_TABLES):
        rows[t] = fr.tables[t].slice(fr.offsets[k], fr.ends[k] - fr.offsets[k]).to_pylist()
    out: list[dict[str, list[dict[str, Any]]]] = []
    at = [0] * len(_ROW_TABLES)
    for c in fr.counts:
        art: dict[str, list[dict[str, Any]]] = {}
        for k, t in enumerate(_ROW_TABLES):
            art[t] = rows[t][at[k]:at[k] + c[k]]
            at[k] += c[k]
        art["failures"] = []
        out.append({t: art[t] for t in TABLES})
    return out


# An incremental build with at most this many batches to parse keeps its one early worker:
# a second one would spend more on its start-up (~1 s) than it saves on so few files.
_SPECULATIVE_BATCHES = 2


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, without waiting for its warm-up tasks (an unneeded early worker).

    ``shutdown`` alone waits for running tasks, i.e. for the worker's whole start-up; the
    worker processes are therefore killed (the executor then just notices them gone).
    """
    if isinstance(pool, _Pool):
        pool.started()
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.kill()
    for p in procs:
        p.join()


def _warm_worker() -> None:
    """Load the worker's lexicons and tokenizers (lazy in ``Pipeline``) by parsing the bundled
    sample article, whose statements, speakers and 提法 reach every lazily loaded resource."""
    from tifalab.io import read_inputs
    from tifalab.paths import sample_path

    assert _WORKER_PIPELINE is not None
    sample = sample_path()
    if sample.is_file():
        for _ in _WORKER_PIPELINE.parse_many(read_inputs([str(sample)])):
            pass


# What the fork server imports before it forks the workers (``set_forkserver_preload``): the
# workers' modules and the dictionaries that depend only on installed packages, see
# ``tifalab._worker_preload``. "__main__" is multiprocessing's default preload, kept.
_WORKER_MODULES = ("__main__", "tifalab._worker_preload")


class _Pool(ProcessPoolExecutor):
    """A process pool whose workers a background thread starts (see ``_start_pool``); every
    use of the pool by the build waits for that thread first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.starter: threading.Thread | None = None

    def started(self) -> _Pool:
        """The pool, once its warm-up tasks are submitted (its workers exist)."""
        if self.starter is not None:
            self.starter.join()
        return self

    def map(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return super(_Pool, self.started()).map(*args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super(_Pool, self.started()).shutdown(wait=wait, cancel_futures=cancel_futures)


def _start_pool(config: PipelineConfig, jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers, started now (a warm-up task each makes the executor spawn
    them) rather than at the first batch.

    The warm-up tasks are submitted by a background thread: submitting one spawns a worker,
    and spawning waits until the fork server has imported what it preloads (~0.5 s). The
    build lists and hashes its inputs meanwhile instead of waiting; the pool's ``map`` and
    ``shutdown`` wait for the thread (``_Pool``).

    The Arrow schemas go to the workers with their batches (``_run_tasks``), not as
    initializer arguments: deriving them imports pandas (~0.4 s), and the workers, whose
    warm-up is the longest step before the first batch, need not wait for that. The fork
    server imports the workers' modules once (``_WORKER_MODULES``); a server that is already
    running (an earlier build in this process) keeps what it has, which is the same.
    """
    if sys.platform != "win32":
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload(list(_WORKER_MODULES))
    else:
        ctx = get_context("spawn")
    pool = _Pool(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(config.as_dict(),),
    )

    def submit_warm_ups() -> None:
        # a failure to spawn shows again, with its traceback, where the build uses the pool
        with contextlib.suppress(Exception):
            for _ in range(jobs):
                pool.submit(_warm_worker)

    pool.starter = threading.Thread(target=submit_warm_ups, name="tifalab-pool-start", daemon=True)
    pool.starter.start()
    return pool


def _run_tasks(
    tasks: list[list[Task]], config: PipelineConfig, jobs: int, progress: bool,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[_FileRows]:
    """Every file's rows in task order; parsed in worker processes when jobs > 1.

    ``pool``: workers started earlier (see ``_start_pool``); the caller shuts it down. With
    workers, every batch is submitted now, not when the caller first asks for rows: an
    incremental build asks only when it reaches the first changed file's row group, after
    copying the groups before it, and its worker would sit idle until then.
    """
    from tqdm import tqdm

    n_files = sum(len(b) for b in tasks)
    bar = tqdm(total=n_files, unit="file", disable=not progress or not tasks, file=sys.stderr)
    if pool is None and (jobs == 1 or n_files < 8):
        return _run_here(tasks, config, bar)
    from tifalab.tables import arrow_schemas

    own = pool is None
    pool = pool or _start_pool(config, jobs)
    # pickled once: every batch carries these bytes, a worker adopts them with its first batch
    schemas = pickle.dumps(arrow_schemas())
    results = pool.map(_work, tasks, repeat(schemas))  # submits every batch
    return _collect(tasks, results, bar, pool if own else None)


def _run_here(tasks: list[list[Task]], config: PipelineConfig, bar: Any) -> Iterator[_FileRows]:
    pipe = Pipeline(config)
    for batch in tasks:
        yield from _file_rows(_do_batch(batch, pipe))
        bar.update(len(batch))
    bar.close()


def _collect(tasks: list[list[Task]], results: Iterator[dict[str, Any]], bar: Any,
             own_pool: ProcessPoolExecutor | None) -> Iterator[_FileRows]:
    try:
        for batch, res in zip(tasks, results, strict=True):
            yield from _file_rows(res)
            bar.update(len(batch))
    finally:
        if own_pool is not None:
            own_pool.shutdown(cancel_futures=True)
    bar.close()


def _stage_corpus_speakers(dest: Path, tmps: dict[str, Path], stack: Any) -> None:
    """Derive corpus_speakers from the finished temp tables; it is renamed with them."""
    import pandas as pd

    from tifalab.tables import conform_derived, corpus_speakers

    speakers = pd.read_parquet(tmps["speakers"])
    articles = pd.read_parquet(tmps["articles"], columns=["article_id", "date"])
    out = conform_derived("corpus_speakers", corpus_speakers(speakers, articles))
    tmp = stack.enter_context(atomic_path(dest / "corpus_speakers.parquet"))
    out.to_parquet(tmp, index=False)


def _write_corpus_speakers_partitioned(dest: Path) -> None:
    """corpus_speakers for the Dask engine's partitioned tables (one file)."""
    import pandas as pd

    from tifalab.tables import conform_derived, corpus_speakers

    speakers = pd.read_parquet(dest / "speakers")
    articles = pd.read_parquet(dest / "articles", columns=["article_id", "date"])
    out = conform_derived("corpus_speakers", corpus_speakers(speakers, articles))
    with atomic_path(dest / "corpus_speakers.parquet") as tmp:
        out.to_parquet(tmp, index=False)


def _write_manifest(
    result: BuildResult, config: PipelineConfig, lex: dict[str, str], inputs: Iterable[Any],
    salt: str | None = None, row_groups: list[dict[str, Any]] | None = None,
) -> None:
    manifest = {
        "tifalab_version": __version__,
        "salt": salt,  # code + lexicons + config fingerprint: a later build reuses row groups only if equal
        "inputs_given": [str(p) for p in inputs],
        "config": config.as_dict(),
        "lexicons": lex,
        "counts": result.counts,
        "n_inputs": len(result.inputs),
        "n_parsed": result.n_parsed,
        "n_unchanged": result.n_cached,
        "n_failed": result.n_failed,
        "inputs": [
            {"path": r.path, "sha256": r.sha256, "status": r.status, "unchanged": r.cached,
             "n_articles": r.n_articles,
             **({"failures": r.failures} if r.failures else {})}
            for r in result.inputs
        ],
        "failures": [f for r in result.inputs for f in r.failures],
        "row_groups": row_groups or [],  # per group of input files: its key and row-group index per table
    }
    atomic_write_text(result.dest / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))


# -- dask engine ---------------------------------------------------------------------------


def _dask_partition(paths: list[str], config_dict: dict[str, Any], dest: str, part: int) -> dict[str, Any]:
    """Parse one partition of files and write its Parquet part of every table (on a worker)."""
    import pyarrow.parquet as pq

    from tifalab.tables import to_arrow

    pipe = Pipeline(PipelineConfig(**config_dict))
    articles: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    per_file = []
    for path in paths:
        res = _parse_file(path, pipe)
        articles.extend(res["articles"])
        failures.extend(res["failures"])
        per_file.append({"path": path, "n_articles": len(res["articles"]), "failures": res["failures"]})
    frames = to_arrow(_dedupe_ids(articles, set()), failures)
    counts = {}
    for name, df in frames.items():
        with atomic_path(Path(dest) / name / f"part-{part:05d}.parquet") as tmp:
            pq.write_table(df, str(tmp), compression="zstd")
        counts[name] = df.num_rows
    return {"part": part, "counts": counts, "files": per_file}


def _dedupe_ids(articles: list[dict[str, list[dict[str, Any]]]], seen: set[str]) -> list[dict[str, list[dict[str, Any]]]]:
    """Give a repeated article id a ``~N`` suffix in every row of that article (input order)."""
    for rows in articles:
        aid = rows["articles"][0]["article_id"] if rows["articles"] else None
        if aid is None:
            continue
        new, n = aid, 1
        while new in seen:
            n += 1
            new = f"{aid}~{n}"
        seen.add(new)
        if new != aid:
            for table_rows in rows.values():
                for r in table_rows:
                    if r.get("article_id") == aid:
                        r["article_id"] = new
                    if isinstance(r.get("speaker_id"), str) and r["speaker_id"].startswith(aid + "#"):
                        r["speaker_id"] = new + r["speaker_id"][len(aid):]
    return articles


def build_corpus_dask(
    inputs: Sequence[str | os.PathLike[str]],
    dest: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    partitions: int | None = None,
    config: PipelineConfig | None = None,
) -> BuildResult:
    """The same build on Dask: dask.bag over file partitions, partitioned Parquet per table.

    ``scheduler``: address of a dask.distributed scheduler (``tcp://host:8786``); None uses the
    current distributed client if any, else Dask's local process scheduler. Tables are written
    as ``dest/<table>/part-NNNNN.parquet`` (read a table with ``pandas.read_parquet(dest/<table>)``).
    Article ids are de-duplicated within a partition only.
    """
    import dask
    import dask.bag as db

    from tifalab.tables import TABLES

    if partitions is not None and partitions < 1:
        raise ValueError(f"--partitions: {partitions}; allowed: an integer >= 1")
    t0 = time.perf_counter()
    config = config or PipelineConfig()
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for t in TABLES:  # parts of an earlier run with more partitions must not be read back
        for old_part in (dest / t).glob("part-*.parquet"):
            old_part.unlink()
    files, list_failures = _list_inputs(inputs)
    shas: dict[str, str] = {}
    readable = []
    for f in files:  # hash before parsing: an unreadable input is a failure, not a crash
        try:
            shas[str(f)] = _sha256(f)
            readable.append(f)
        except OSError as exc:
            list_failures.append({"source": str(f), "stage": "read",
                                  "reason": f"{f}: cannot read ({exc.strerror or type(exc).__name__})"})
    files = readable
    n_parts = partitions or max(1, min(len(files), 64))
    # contiguous, ordered chunks so part order = input order
    size = -(-len(files) // n_parts) if files else 0
    chunks = [[str(f) for f in files[i:i + size]] for i in range(0, len(files), size)] if files else []
    bag = db.from_sequence(list(enumerate(chunks)), npartitions=max(1, len(chunks)))
    cfg = config.as_dict()
    tasks = bag.map(lambda ic: _dask_partition(ic[1], cfg, str(dest), ic[0]))
    client = None
    if scheduler:
        from distributed import Client

        client = Client(scheduler)
    try:
        if client is not None:
            parts = client.compute(tasks).result()
        else:
            with dask.config.set(scheduler=dask.config.get("scheduler", "processes")):
                parts = tasks.compute()
    finally:
        if client is not None:
            client.close()
    parts = sorted(parts, key=lambda p: p["part"])
    if list_failures:  # as in the local engine: listing failures come last
        from tifalab.tables import conform

        with atomic_path(dest / "failures" / f"part-{len(chunks):05d}.parquet") as tmp:
            conform("failures", list_failures).to_parquet(tmp, index=False, compression="zstd")
    records = []
    counts: dict[str, int] = {}
    counts["failures"] = len(list_failures)
    for p in parts:
        for name, c in p["counts"].items():
            counts[name] = counts.get(name, 0) + c
        for f in p["files"]:
            status = "parsed" if not f["failures"] else ("partial" if f["n_articles"] else "failed")
            records.append(InputRecord(f["path"], shas.get(f["path"]), status, f["n_articles"], f["failures"]))
    records += [InputRecord(f["source"], None, "skipped" if f["stage"] == "skipped" else "failed", 0, [f])
                for f in list_failures]
    result = BuildResult(dest, records, counts, time.perf_counter() - t0,
                         n_parsed=sum(r.status in ("parsed", "partial") for r in records), n_cached=0,
                         n_failed=sum(r.status in ("failed", "partial") for r in records))
    if (dest / "speakers").is_dir():
        _write_corpus_speakers_partitioned(dest)
    _write_manifest(result, config, lexicon_fingerprint(config), inputs)
    return result

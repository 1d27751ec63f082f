"""Corpus build: schemas of the written tables, incremental runs, identical output whatever
--jobs, every malformed input accounted for, atomic outputs under SIGKILL, the Dask engine."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tifalab.build import CACHE_SUFFIX, build_corpus
from tifalab.paths import sample_path, shared_dir
from tifalab.tables import SCHEMAS

sys.path.insert(0, str(Path(__file__).parent))
from malformed import make_corpus


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("sample_build")
    build_corpus([sample_path()], dest, jobs=1, progress=False)
    return dest


def test_written_tables_have_the_documented_schema(sample_build: Path) -> None:
    for table, schema in SCHEMAS.items():
        df = pd.read_parquet(sample_build / f"{table}.parquet", dtype_backend="numpy_nullable")
        assert list(df.columns) == list(schema), table
        for col, dtype in schema.items():
            got = str(df[col].dtype)
            want = {"string": ("string",), "Int64": ("Int64",), "Float64": ("Float64",), "bool": ("boolean", "bool")}[dtype]
            assert got.split("[")[0] in want, f"{table}.{col}: {got} != {dtype}"
    cs = pd.read_parquet(sample_build / "corpus_speakers.parquet")
    assert list(cs.columns) == ["name", "kind", "area", "organization", "title", "rank",
                                "n_articles", "n_statements", "first_date", "last_date"]


def test_sample_tables_hold_the_gold_facts(sample_build: Path) -> None:
    st = pd.read_parquet(sample_build / "statements.parquet")
    named = set(st.loc[st["speaker_kind"] == "person", "speaker_name"])
    assert named == {"赵俊霞", "周凯", "张红军", "弓书亮", "王云翔", "陈卫东", "徐洋洋", "侯磊"}
    num = pd.read_parquet(sample_build / "numbers.parquet")
    row = num[num["text"].str.contains("15")].iloc[0]
    assert (row["value"], row["unit"], row["object"], row["qualifier"], row["speaker_name"]) == (
        15.0, "个", "新签约项目", "以上", "陈卫东")
    sl = pd.read_parquet(sample_build / "slogans.parquet")
    assert dict(zip(sl["text"], sl["speaker_name"], strict=True))["一中心、两关键、三重点"] == "弓书亮"
    f = pd.read_parquet(sample_build / "formulations.parquet")
    assert {"高质量发展", "营商环境"} <= set(f["term"]) or {"高质量发展", "优化营商环境"} <= set(f["term"])
    text = sample_path().read_text("utf-8")
    assert len(f) > 0 and all(isinstance(t, str) for t in f["term"])
    manifest = json.loads((sample_build / "manifest.json").read_text("utf-8"))
    assert manifest["inputs"][0]["sha256"] == hashlib.sha256(sample_path().read_bytes()).hexdigest()
    assert manifest["counts"]["statements"] == len(st) and "formulations.tsv" in manifest["lexicons"]
    assert text  # the sample is bundled


def _small_corpus(tmp: Path) -> Path:
    """The sample, the malformed inputs (small) and, where present, one People's Daily day."""
    root = tmp / "corpus"
    make_corpus(root / "bad", big_mb=1)
    shutil.copy(sample_path(), root / "sample.txt")
    shared = shared_dir()
    if shared:
        day = shared / "corpora/peoples_daily_2019_2020/2019-10/20191015"
        if day.is_dir():
            shutil.copytree(day, root / "pd")
    return root


def test_incremental_build_reparses_only_changed_inputs(tmp_path: Path) -> None:
    root = _small_corpus(tmp_path)
    dest = tmp_path / "out"
    first = build_corpus([root], dest, jobs=1, progress=False)
    assert first.n_parsed > 0 and first.n_cached == 0
    before = _digests(dest)
    second = build_corpus([root], dest, jobs=1, progress=False)
    assert second.n_parsed == 0 and second.n_cached >= first.n_parsed  # failed files are cached too
    assert _digests(dest) == before
    (root / "sample.txt").write_text((root / "sample.txt").read_text("utf-8") + "\n新增一段。\n", "utf-8")
    third = build_corpus([root], dest, jobs=1, progress=False)
    assert third.n_parsed == 1
    after_change = _digests(dest)
    # the entry the third build wrote (the changed file's): the oldest name in sort order may be a
    # stale entry of the file's previous content, which no build reads again (a flaky choice)
    victim = max((dest / ".cache").glob(f"*{CACHE_SUFFIX}"), key=lambda f: f.stat().st_mtime_ns)
    victim.write_bytes(b"damaged")  # a damaged cache entry is parsed again, not trusted
    (dest / "manifest.json").unlink()  # no previous manifest: no row-group reuse, caches are read
    fourth = build_corpus([root], dest, jobs=1, progress=False)
    assert fourth.n_parsed == 1 and _digests(dest) == after_change


def test_output_is_identical_whatever_jobs_and_across_runs(tmp_path: Path) -> None:
    root = _small_corpus(tmp_path)
    a = build_corpus([root], tmp_path / "j1", jobs=1, progress=False, use_cache=False)
    b = build_corpus([root], tmp_path / "j2", jobs=2, progress=False, use_cache=False)
    c = build_corpus([root], tmp_path / "j2b", jobs=2, progress=False, use_cache=False)
    assert a.counts == b.counts == c.counts
    assert _digests(tmp_path / "j1") == _digests(tmp_path / "j2") == _digests(tmp_path / "j2b")


def test_every_malformed_input_is_accounted_for(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    cases = make_corpus(root, big_mb=int(os.environ.get("TIFALAB_BIG_MB", "50")))
    assert len(cases) >= 20
    dest = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "tifalab.cli", "build", str(root), "-o", str(dest), "--quiet",
                        "--strict"], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr  # --strict: failures make the exit status non-zero
    manifest = json.loads((dest / "manifest.json").read_text("utf-8"))
    records = {Path(i["path"]).relative_to(root).as_posix(): i for i in manifest["inputs"]}
    for case in cases:
        rec = records.get(case.name)
        assert rec is not None, f"{case.name} missing from the manifest"
        if case.expect == "parsed":
            assert rec["status"] == "parsed" and rec["n_articles"] >= 1, (case.name, rec)
        else:
            assert rec["status"] in ("failed", "partial"), (case.name, rec)
            reasons = " ".join(f["reason"] for f in rec["failures"])
            assert case.reason in reasons.lower() or case.reason in reasons, (case.name, reasons)
            assert all(str(root) in f["reason"] for f in rec["failures"]), "reason must name the file"
    arts = pd.read_parquet(dest / "articles.parquet")
    assert arts["article_id"].is_unique  # duplicate ids were made unique
    assert {"same", "same~2"} <= set(arts["article_id"])
    broken = records["broken.jsonl"]
    assert broken["status"] == "partial" and broken["n_articles"] == 2


def test_killed_build_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    root = _small_corpus(tmp_path)
    make_corpus(root / "big", big_mb=30)
    dest = tmp_path / "out"
    build_corpus([root / "sample.txt"], dest, jobs=1, progress=False)
    before = _digests(dest)
    manifest_before = (dest / "manifest.json").read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "tifalab.cli", "build", str(root), "-o", str(dest),
                             "--quiet", "--jobs", "1", "--no-cache"], start_new_session=True)
    time.sleep(6)
    assert proc.poll() is None, "the build finished before it could be killed; make the corpus bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _digests(dest) == before
    assert (dest / "manifest.json").read_bytes() == manifest_before
    # temp files of the killed run may remain beside the outputs; the next run removes them
    result = build_corpus([root], dest, jobs=2, progress=False)
    assert result.counts["articles"] > 1
    assert not [p for p in dest.iterdir() if p.name.startswith(".tifalab-tmp-")]


@pytest.mark.slow
def test_dask_engine_on_a_local_cluster_equals_the_local_engine(tmp_path: Path) -> None:
    from distributed import LocalCluster

    from tifalab.build import build_corpus_dask

    root = _small_corpus(tmp_path)
    local = build_corpus([root], tmp_path / "local", jobs=1, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        res = build_corpus_dask([root], tmp_path / "dask", scheduler=cluster.scheduler_address, partitions=3)
    assert res.counts == local.counts
    for table in SCHEMAS:
        a = pd.read_parquet(tmp_path / "local" / f"{table}.parquet")
        b = pd.read_parquet(tmp_path / "dask" / table)
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


def test_incremental_reuses_unchanged_row_groups_and_equals_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tifalab.build as b

    monkeypatch.setattr(b, "ROW_GROUP_FILES", 7)  # many small row groups
    root = _small_corpus(tmp_path)
    dest = tmp_path / "inc"
    build_corpus([root], dest, jobs=1, progress=False)
    txt = sorted(root.rglob("*.txt"))
    for victim in (txt[3], txt[-2]):  # change two files in different groups
        victim.write_text(victim.read_text("utf-8", errors="replace") + "\n“新增一段。”王五表示。\n", "utf-8")
    inc = build_corpus([root], dest, jobs=1, progress=False)
    assert inc.n_parsed == 2
    manifest = json.loads((dest / "manifest.json").read_text("utf-8"))
    assert len(manifest["row_groups"]) > 3
    clean = build_corpus([root], tmp_path / "clean", jobs=1, progress=False, use_cache=False)
    assert inc.counts == clean.counts
    assert _digests(dest) == _digests(tmp_path / "clean")

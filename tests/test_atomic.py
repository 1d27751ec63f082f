"""Atomic writes: the target appears whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifalab.atomic import TMP_PREFIX, atomic_open_text, atomic_write_text, clean_stale_temps


def test_failed_write_keeps_previous_content_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    atomic_write_text(target, "old\n")
    with pytest.raises(RuntimeError), atomic_open_text(target) as fh:
        fh.write("partial")
        raise RuntimeError("crash midway")
    assert target.read_text() == "old\n"
    assert not list(tmp_path.glob(f"{TMP_PREFIX}*"))


def test_clean_stale_temps(tmp_path: Path) -> None:
    (tmp_path / f"{TMP_PREFIX}abc.parquet").write_text("x")
    assert clean_stale_temps(tmp_path) == 1
    assert not list(tmp_path.iterdir())


def test_non_durable_write_is_atomic_and_leaves_no_temp(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tifalab.atomic import TMP_PREFIX, atomic_write_bytes

    target = tmp_path / "entry.json.gz"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new", durable=False)
    assert target.read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]

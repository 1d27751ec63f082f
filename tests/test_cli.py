"""The command line: help, version, and errors that name the parameter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tifalab
from tifalab.cli import main

VENV_BIN = Path(sys.executable).parent


def test_help_and_version_from_the_installed_entry_point() -> None:
    exe = VENV_BIN / "tifalab"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
    for cmd in ("parse", "build", "report"):
        assert cmd in out
    ver = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True).stdout
    assert ver.strip() == f"tifalab {tifalab.__version__}"


def test_bad_parameters_are_named(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["report", "--notebooks", "nope", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--notebooks" in err and "allowed" in err
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "o"), "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err
    assert main(["parse", str(tmp_path), "--format", "xml"]) == 2
    assert "allowed: jsonl" in capsys.readouterr().err
    assert main(["parse", str(tmp_path), "--backend", "thulac"]) == 2
    assert "allowed: jieba, rjieba" in capsys.readouterr().err

"""Set-up contract: one lock with exact pins, both routes use it, a warm make reinstalls nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert m, f"requirements.lock: not an exact pin: {line!r}"
        pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_every_dependency_is_pinned_and_installed_at_its_pin() -> None:
    pins = _lock()
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    for dep in deps:
        name = re.split(r"[<>=\[ ;!~]", dep, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pins, f"{name} is in pyproject.toml but not pinned in requirements.lock"
        assert version(name) == pins[name], f"{name}: installed {version(name)} != lock {pins[name]}"


def test_conda_route_uses_the_same_lock() -> None:
    env = (ROOT / "environment.yml").read_text("utf-8")
    assert "python=3.11" in env and "-r requirements.lock" in env and "-e ." in env


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_warm_make_has_nothing_to_install() -> None:
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("not running inside the project's .venv")
    r = subprocess.run(["make", "-q", "-C", str(ROOT), ".venv/.deps-installed", ".venv/.pkg-installed"],
                       capture_output=True, text=True)
    assert r.returncode == 0, "make would reinstall although nothing changed"

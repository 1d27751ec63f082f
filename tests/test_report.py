"""The batch runner: papermill in the project's kernel, HTML with inputs hidden, contained failures."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tifalab import report


def _nb(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "tifalab", "display_name": "Python (tifalab)", "language": "python"}}
    )
    code = [nbformat.v4.new_code_cell(c) for c in cells]
    code[0].metadata["tags"] = ["parameters"]
    nb.cells = code
    nbformat.write(nb, path)


@pytest.fixture()
def nb_dir(tmp_path: Path) -> Path:
    d = tmp_path / "nbs"
    d.mkdir()
    _nb(d / "good.ipynb", [
        "label = 'x'",
        "import sys\nSECRET_INPUT_MARKER = 1\nprint('标签', label, sys.executable)",
    ])
    _nb(d / "bad.ipynb", ["label = 'x'", "x = 1", "raise ValueError('坏了 ' + label)"])
    return d


def test_kernel_is_registered_inside_the_venv() -> None:
    import sys

    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("tifalab")
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve())
    report.check_kernel()


def test_batch_runs_all_renders_html_and_contains_failures(nb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    specs = report.plan_runs(
        report.resolve_notebooks("all", nb_dir),
        [{"name": "p1", "notebooks": "all", "parameters": {"label": "一号"}},
         {"name": "p2", "notebooks": ["good"], "parameters": {"label": "二号"}}],
        folder=nb_dir,
    )
    assert [(s.notebook, s.name) for s in specs] == [("bad", "p1"), ("good", "p1"), ("good", "p2")]
    results = report.run_batch(specs, out, jobs=2, nb_dir=nb_dir)
    by = {(r.notebook, r.name): r for r in results}
    assert by[("good", "p1")].ok and by[("good", "p2")].ok
    bad = by[("bad", "p1")]
    assert not bad.ok
    assert bad.failed_cell == 2  # index in the source notebook: parameters, x = 1, raise
    assert "ValueError" in bad.error and "坏了 一号" in bad.error
    html = (out / "good__p2.html").read_text("utf-8")
    assert "二号" in html  # the injected parameter reached the kernel
    assert "SECRET_INPUT_MARKER" not in html  # inputs hidden
    assert ".venv" in html or "tifalab" in html  # ran in the project's interpreter
    index = (out / "index.html").read_text("utf-8")
    assert "good__p1.html" in index and "failed" in index and "cell 2" in index
    data = json.loads((out / "index.json").read_text("utf-8"))
    assert len(data) == 3


def test_unknown_notebook_and_bad_params_name_the_parameter(nb_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(report.ReportError, match=r"--notebooks: unknown notebook.*allowed: all, bad, good"):
        report.resolve_notebooks("good,nope", nb_dir)
    p = tmp_path / "p.yaml"
    p.write_text("runs:\n  - name: a b\n", encoding="utf-8")
    with pytest.raises(report.ReportError, match="--params"):
        report.load_param_sets(p)
    p.write_text("runs:\n  - name: a\n    parameters: {when: 2020-01-02}\n", encoding="utf-8")
    (ps,) = report.load_param_sets(p)
    assert ps["parameters"]["when"] == "2020-01-02"  # YAML dates become strings


def test_repo_notebooks_are_clean_and_parameterized() -> None:
    names = report.available_notebooks()
    assert {"article", "corpus_overview", "formulations", "voices", "commitments"} <= set(names)
    for name in names:
        nb = nbformat.read(report.notebooks_dir() / f"{name}.ipynb", as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), name
        assert nb.metadata["kernelspec"]["name"] == "tifalab"

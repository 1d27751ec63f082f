"""Batch reports: papermill runs every notebook x parameter set, nbconvert renders HTML.

Why in-process and in a small process pool: one papermill CLI call pays ~2.3 s of imports per
notebook (field notes); a worker process pays them once and runs several notebooks. A failing
notebook never stops the others: its executed copy (with the traceback) is rendered too and the
index names the failing cell and the error.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from tifalab.atomic import atomic_write_text
from tifalab.webfont import embed_font

KERNEL_NAME = "tifalab"
START_TIMEOUT = 300  # seconds papermill waits for the kernel to start


class ReportError(ValueError):
    """A bad parameter or setup problem the user can act on."""


@dataclass
class RunSpec:
    """One notebook to execute with one parameter set."""

    notebook: str  # notebook name without .ipynb
    name: str  # parameter-set name, used in the output file name
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return f"{self.notebook}__{self.name}"


@dataclass
class RunResult:
    notebook: str
    name: str
    ok: bool
    html: str | None  # path relative to the output folder
    ipynb: str | None
    seconds: float
    error: str | None = None
    failed_cell: int | None = None  # 0-based index of the failing cell in the notebook


def notebooks_dir() -> Path:
    """The repository's ``notebooks/`` folder."""
    return Path(__file__).resolve().parents[2] / "notebooks"


def available_notebooks(folder: Path | None = None) -> list[str]:
    folder = folder or notebooks_dir()
    return sorted(p.stem for p in folder.glob("*.ipynb") if not p.stem.startswith("_"))


def resolve_notebooks(names: str | Sequence[str], folder: Path | None = None) -> list[str]:
    """Expand ``all`` or a comma list into notebook names, rejecting unknown ones by name."""
    have = available_notebooks(folder)
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    if not names or list(names) == ["all"]:
        return have
    unknown = [n for n in names if n not in have]
    if unknown:
        raise ReportError(
            f"--notebooks: unknown notebook(s) {', '.join(unknown)}; allowed: all, {', '.join(have)}"
        )
    return list(names)


def _plain(value: Any) -> Any:
    """YAML turns dates into datetime.date; notebooks want plain JSON values."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def load_param_sets(path: Path | None) -> list[dict[str, Any]]:
    """Read a params YAML file: ``runs: [{name, notebooks, parameters}]``.

    ``notebooks`` is ``all`` (default) or a list; ``parameters`` are injected by papermill.
    A top-level ``defaults`` mapping is merged under each run's parameters.
    """
    if path is None:
        return [{"name": "default", "notebooks": "all", "parameters": {}}]
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ReportError(f"--params: {path}: no such file") from exc
    except yaml.YAMLError as exc:
        raise ReportError(f"--params: {path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("runs", []), list):
        raise ReportError(f"--params: {path}: expected a mapping with a 'runs' list")
    defaults = _plain(data.get("defaults") or {})
    runs = data.get("runs") or [{"name": "default"}]
    out = []
    for i, run in enumerate(runs):
        if not isinstance(run, dict):
            raise ReportError(f"--params: {path}: runs[{i}] must be a mapping")
        name = str(run.get("name") or f"run{i + 1}")
        if not name.replace("-", "").replace("_", "").isalnum():
            raise ReportError(
                f"--params: {path}: runs[{i}].name {name!r} may hold only letters, digits, - and _"
            )
        params = {**defaults, **_plain(run.get("parameters") or {})}
        out.append({"name": name, "notebooks": run.get("notebooks", "all"), "parameters": params})
    names = [r["name"] for r in out]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ReportError(f"--params: {path}: duplicate run names {', '.join(dup)}")
    return out


def declared_parameters(notebook: str, folder: Path | None = None) -> dict[str, Any]:
    """Parameters a notebook declares in its ``parameters`` cell (name -> inferred info)."""
    import papermill as pm

    folder = folder or notebooks_dir()
    return dict(pm.inspect_notebook(str(folder / f"{notebook}.ipynb")))


def plan_runs(
    notebooks: Sequence[str],
    param_sets: Iterable[dict[str, Any]],
    base_parameters: dict[str, Any] | None = None,
    folder: Path | None = None,
) -> list[RunSpec]:
    """Every selected notebook x every parameter set that names it.

    A notebook receives only the parameters it declares (so ``group_by`` given to "all" reaches
    the notebooks that have it); a parameter no selected notebook declares is an error naming it
    and the parameters that exist.
    """
    specs = []
    declared = {nb: declared_parameters(nb, folder) for nb in notebooks}
    for ps in param_sets:
        wanted = [nb for nb in resolve_notebooks(ps.get("notebooks", "all"), folder) if nb in notebooks]
        user = ps.get("parameters", {})
        known = set().union(*(declared[nb] for nb in wanted)) if wanted else set()
        unknown = sorted(set(user) - known)
        if unknown:
            raise ReportError(
                f"--params: run {ps['name']!r}: unknown parameter(s) {', '.join(unknown)}; "
                f"the selected notebooks take: {', '.join(sorted(known))}"
            )
        for nb in wanted:
            params = {**(base_parameters or {}), **user}
            params = {k: v for k, v in params.items() if k in declared[nb]}
            specs.append(RunSpec(nb, ps["name"], params))
    return specs


def check_kernel(kernel_name: str = KERNEL_NAME) -> None:
    """Fail early, with the fix, when the project's kernel is missing or points elsewhere."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise ReportError(
            f"Jupyter kernel {kernel_name!r} is not installed in this environment; run `make venv` "
            f"(it registers the kernel inside .venv)"
        ) from exc
    exe = Path(spec.argv[0])
    if exe.name.startswith("python") and exe.resolve() != Path(sys.executable).resolve():
        raise ReportError(
            f"kernel {kernel_name!r} runs {exe}, not this environment's {sys.executable}; "
            "re-run `make venv` to re-register it"
        )


def render_html(ipynb: Path, html_path: Path) -> None:
    """HTML with inputs hidden and images embedded (nbconvert's default for PNG outputs)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(ipynb), as_version=4)
    exporter = HTMLExporter()
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    atomic_write_text(html_path, embed_font(body))


def run_one(spec: RunSpec, out_dir: Path, nb_dir: Path, kernel_name: str = KERNEL_NAME) -> RunResult:
    """Execute one notebook and render it; never raises for a notebook error."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    out_dir.mkdir(parents=True, exist_ok=True)
    src = nb_dir / f"{spec.notebook}.ipynb"
    ipynb = out_dir / "notebooks" / f"{spec.slug}.ipynb"
    html_path = out_dir / f"{spec.slug}.html"
    ipynb.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    error = None
    failed_cell = None
    try:
        pm.execute_notebook(
            str(src),
            str(ipynb),
            parameters=spec.parameters,
            kernel_name=kernel_name,
            progress_bar=False,
            cwd=str(nb_dir),
            start_timeout=START_TIMEOUT,  # a loaded machine can take long to start a kernel
        )
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}"
        failed_cell = _source_cell_index(src, exc.cell_index)
    except Exception as exc:  # kernel died, bad notebook file ...: contained, reported
        error = f"{type(exc).__name__}: {exc}"
    rendered = None
    if ipynb.exists():
        try:
            render_html(ipynb, html_path)
            rendered = html_path.name
        except Exception as exc:
            error = error or f"rendering failed: {type(exc).__name__}: {exc}"
    return RunResult(
        notebook=spec.notebook,
        name=spec.name,
        ok=error is None,
        html=rendered,
        ipynb=str(ipynb.relative_to(out_dir)) if ipynb.exists() else None,
        seconds=round(time.perf_counter() - t0, 2),
        error=error,
        failed_cell=failed_cell,
    )


def _source_cell_index(src: Path, executed_index: int) -> int:
    """Papermill counts cells with its injected-parameters cell; report the index in the
    notebook the researcher edits (the injected cell sits right after the ``parameters`` cell)."""
    import nbformat

    nb = nbformat.read(str(src), as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    if tagged and executed_index > tagged[0]:
        return executed_index - 1
    return executed_index


def _run_one_star(args: tuple[RunSpec, Path, Path, str]) -> RunResult:
    return run_one(*args)


def run_batch(
    specs: Sequence[RunSpec],
    out_dir: Path,
    *,
    jobs: int = 2,
    nb_dir: Path | None = None,
    kernel_name: str = KERNEL_NAME,
) -> list[RunResult]:
    """Run all specs, ``jobs`` at a time, and write ``index.html`` and ``index.json``."""
    nb_dir = nb_dir or notebooks_dir()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    check_kernel(kernel_name)
    args = [(s, out_dir, nb_dir, kernel_name) for s in specs]
    if jobs <= 1 or len(specs) <= 1:
        results = [_run_one_star(a) for a in args]
    else:
        # spawn: a clean interpreter per worker, no inherited zmq/asyncio state.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            results = list(pool.map(_run_one_star, args))
    write_index(results, out_dir)
    return results


def write_index(results: Sequence[RunResult], out_dir: Path) -> Path:
    """``index.html`` linking every report, with failures, their cell and error."""
    from tifalab import __version__

    rows = []
    for r in results:
        link = f'<a href="{html.escape(r.html)}">{html.escape(r.notebook)}</a>' if r.html else html.escape(r.notebook)
        status = "ok" if r.ok else "failed"
        err = ""
        if not r.ok:
            cell = f"cell {r.failed_cell}: " if r.failed_cell is not None else ""
            err = html.escape(cell + (r.error or ""))
        rows.append(
            f'<tr class="{status}"><td>{link}</td><td>{html.escape(r.name)}</td>'
            f"<td>{status}</td><td>{r.seconds:.1f}</td><td>{err}</td></tr>"
        )
    n_failed = sum(not r.ok for r in results)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>tifalab 报告 reports</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em; max-width: 70em; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 4px 8px; }}
tr.failed td {{ background: #fde8e8; }} tr.ok td:nth-child(3) {{ color: #166534; }}
</style></head><body>
<h1>tifalab 报告 · reports</h1>
<p>{len(results)} reports, {n_failed} failed · tifalab {html.escape(__version__)}</p>
<table><thead><tr><th>notebook</th><th>parameter set</th><th>status</th><th>seconds</th>
<th>error</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    index = out_dir / "index.html"
    atomic_write_text(index, embed_font(page))
    atomic_write_text(
        out_dir / "index.json",
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1),
    )
    return index

"""The rendered reports in a real browser: they load without console errors, their charts are
present and visible, and Chinese is drawn with a real font. Uses Debian's headless Chromium
(.ci/run installs it); skipped with a reason where no browser exists.

How, without a browser-driver package: a copy of each page gets a small script that, after
load, measures every <img> and writes the results into the DOM; ``--dump-dom`` reads them back
and ``--enable-logging=stderr`` exposes console errors.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tifalab import report
from tifalab.build import build_corpus
from tifalab.paths import sample_path

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium on this machine (apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=8000"]

PROBE = """<script>
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('img').forEach(function (im) {
    var r = im.getBoundingClientRect();
    var cs = getComputedStyle(im);
    out.push({w: im.naturalWidth, h: im.naturalHeight, bw: r.width, bh: r.height,
              visible: cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 0 && r.height > 0,
              complete: im.complete});
  });
  var fonts = document.fonts ? Array.from(document.fonts).map(function (f) {
    return f.family + ':' + f.status; }) : [];
  var pre = document.createElement('pre');
  pre.id = 'tifalab-probe';
  pre.textContent = JSON.stringify({images: out, fonts: fonts, title: document.title});
  document.body.appendChild(pre);
});
</script>"""


def _run(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess[str]:
    profile = tempfile.mkdtemp(prefix="tifalab-chromium-")
    try:
        return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],  # type: ignore[list-item]
                              capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    tables = out / "tables"
    build_corpus([sample_path()], tables, jobs=1, progress=False)
    nbs = ["article", "formulations", "commitments"]
    specs = report.plan_runs(nbs, [{"name": "sample", "notebooks": "all", "parameters": {}}],
                             {"tables_dir": str(tables)})
    results = report.run_batch(specs, out, jobs=2)
    assert all(r.ok for r in results), [r.error for r in results]
    return out


@pytest.mark.parametrize("name", ["article__sample", "formulations__sample", "commitments__sample", "index"])
def test_report_loads_without_console_errors_and_shows_its_images(reports_dir: Path, name: str) -> None:
    page = reports_dir / f"{name}.html"
    html = page.read_text("utf-8")
    probe_page = page.with_name(f"_probe_{name}.html")
    probe_page.write_text(re.sub(r"</body>", PROBE + "</body>", html, count=1), "utf-8")
    r = _run(["--enable-logging=stderr", "--v=0", "--dump-dom", probe_page.as_uri()])
    assert r.returncode == 0, r.stderr[-2000:]
    m = re.search(r'<pre id="tifalab-probe">(.*?)</pre>', r.stdout, re.S)
    assert m, "the page did not finish loading"
    data = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    console_errors = [ln for ln in r.stderr.splitlines() if "CONSOLE" in ln and ("ERROR" in ln or "Uncaught" in ln)]
    assert console_errors == []
    if name != "index":
        assert data["images"], "no chart images in the report"
        for im in data["images"]:
            assert im["complete"] and im["w"] > 100 and im["h"] > 100, im
            assert im["visible"], im
    assert any(f.startswith("TifalabCJK:loaded") for f in data["fonts"]), data["fonts"]
    shot = reports_dir / f"{name}.png"
    s = _run(["--window-size=1280,1800", f"--screenshot={shot}", page.as_uri()])
    assert s.returncode == 0 and shot.stat().st_size > 10_000
    keep = Path(__file__).resolve().parents[1] / "reports" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, keep / shot.name)

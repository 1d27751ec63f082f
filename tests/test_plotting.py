"""Chinese renders in charts: no tofu boxes, no missing-glyph warnings."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from tifalab.plotting import chinese_font_path, use_chinese_font


def test_font_file_is_bundled_by_pip_and_open_licensed() -> None:
    path = chinese_font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert path.stat().st_size > 10_000_000


def test_chart_with_chinese_labels_has_no_missing_glyphs() -> None:
    family = use_chinese_font()
    assert "CJK" in family
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.bar(["金水区", "管城区", "郑州高新区"], [3, -1, 2])
        ax.set_title("段落长度（字）—— 高质量发展")
        ax.set_xlabel("区县")
        ax.set_ylabel("数量")
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    assert buf.getvalue()[:4] == b"\x89PNG"


def test_titles_resolve_to_the_cjk_font() -> None:
    from matplotlib import font_manager

    use_chinese_font()
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found.endswith("NotoSansCJKsc-Regular.otf")

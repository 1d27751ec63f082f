"""Chinese-capable matplotlib defaults.

Why: with no CJK font matplotlib draws tofu boxes and only warns. The font must come with the
pip install (no apt packages), so we use the OFL-licensed Noto Sans CJK SC that the ``mplfonts``
wheel ships (never its SimHei, whose licence is not open).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"


@cache
def chinese_font_path() -> Path:
    """Absolute path of the bundled OFL CJK font file."""
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: the Noto Sans CJK SC font of the mplfonts package is missing; "
            "reinstall with `make venv`"
        )
    return path


@cache
def _register() -> str:
    from matplotlib import font_manager

    path = chinese_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_chinese_font() -> str:
    """Make every later matplotlib figure render Chinese; return the font family name.

    Call it after any style or theme (themes reset fonts).
    """
    import matplotlib as mpl

    name = _register()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
    return name

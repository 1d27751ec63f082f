"""Chinese that renders in every HTML page, on any reader's machine.

Why: a rendered report is opened on machines with no CJK font (servers, fresh containers,
some Linux desktops), where the browser draws tofu boxes. We embed the same OFL font as the
charts (Noto Sans CJK SC from the mplfonts wheel), subset with fontTools to the characters the
page uses (a few hundred KB instead of 16 MB), as a data-URI WOFF ``@font-face``.
"""

from __future__ import annotations

import base64
import html as _html
import io
import re

FAMILY = "TifalabCJK"
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
_TAG = re.compile(r"<[^>]*>")
_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)


def page_characters(page: str) -> str:
    """Characters a reader will see: text outside tags, styles and scripts, entities decoded."""
    visible = _html.unescape(_TAG.sub(" ", _STYLE.sub(" ", page)))
    return "".join(sorted(set(visible) | set(_ASCII)))


def font_face_css(chars: str) -> str:
    """An ``@font-face`` rule with the font subset to ``chars``, plus rules that use it first."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from tifalab.plotting import chinese_font_path

    opts = subset.Options()
    opts.flavor = "woff"
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    font = TTFont(str(chinese_font_path()), lazy=True)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    stack = f"'{FAMILY}', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
    return (
        f"@font-face {{ font-family: '{FAMILY}'; src: url(data:font/woff;base64,{data}) format('woff'); }}\n"
        f":root {{ --jp-content-font-family: {stack}; --jp-ui-font-family: {stack}; }}\n"
        f"body, body p, body td, body th, body li, body h1, body h2, body h3, body span, body div "
        f"{{ font-family: {stack}; }}\n"
    )


def embed_font(page: str) -> str:
    """Return ``page`` with the subset font embedded in its ``<head>`` (or at the top)."""
    style = f'<style id="tifalab-font">\n{font_face_css(page_characters(page))}</style>'
    m = re.search(r"</head\s*>", page, re.I)
    if m:
        return page[: m.start()] + style + "\n" + page[m.start():]
    return style + "\n" + page

"""Chinese and Arabic numeral parsing, and value normalization.

Why a module of its own: numbered slogans (一区、两街), counted items (48个项目), targets
(1300亿斤以上, 5%左右) and shares (三成) all need the same arithmetic, and official text mixes
three ways of writing a number: Chinese numerals (两千, 一百二十), Arabic digits (110, 6.66,
full-width ０-９ too) and mixed forms where 万/亿 multiply an Arabic figure (1.5万, 1300亿).

Conventions (documented in docs/schema_commitments.md):

* ``parse_number`` returns the plain value: 1300亿 -> 1.3e11, 1.5万 -> 15000, 两千 -> 2000.
* ``parse_share`` turns 成 and 半 into a share of one: 三成 -> 0.3, 一半 -> 0.5.
* A string of bare Chinese digits with no 十/百/千/万/亿 (二七, 一二二一) is *not* a cardinal
  number (it is a name, a code or a year) and ``parse_cn_int`` rejects it unless asked for
  digit-by-digit reading (``digit_string=True``), which slogan codes use.
"""

from __future__ import annotations

import re
from decimal import Decimal

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"
#: A run of Chinese numeral characters (greedy); validate with ``parse_cn_int``.
CN_NUMERAL_RE = r"[零〇○一二两三四五六七八九十百千万亿]+"
#: An Arabic figure, half- or full-width, with thousands separators and a decimal part,
#: optionally multiplied by 万/亿/千/百 (1.5万, 1300亿, 6.66万亿, 1,200).
ARABIC_RE = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?(?:[百千]?[万亿]+|[百千])?"
#: Either form; Chinese numerals must start with a digit or 十 (so 万人, 千家万户 do not match).
NUMBER_RE = ARABIC_RE + r"|[零〇○一二两三四五六七八九十][零〇○一二两三四五六七八九十百千万亿]*"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def to_halfwidth_digits(s: str) -> str:
    """Full-width digits and decimal points to ASCII (the corpora use both)."""
    return s.translate(_FULLWIDTH)


def _parse_section(s: str) -> int | None:
    """Parse a numeral below 10 000 (千百十 units only); None if malformed."""
    if not s:
        return 0
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                return None  # two digits in a row (二七) is not a cardinal number
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # 十百 or 百百: not a number
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit:
        # 两千五 = 2500: a trailing digit after a unit takes the next lower unit
        if last_unit < 10_000 and last_unit >= 100 and s[-2] in CN_SMALL_UNITS:
            total += digit * last_unit // 10
        else:
            total += digit
    return total


def parse_cn_int(s: str, digit_string: bool = False) -> int | None:
    """Value of a Chinese numeral such as 一千三百, 两千, 十五, 一亿二千万; None if not one.

    ``digit_string=True`` also reads bare digit strings digit by digit (二〇二五 -> 2025),
    which is right for years and slogan codes but wrong for prose (二七 is a place name).
    """
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        if digit_string:
            return int("".join(str(CN_DIGITS[ch]) for ch in s))
        return None
    # split on 亿 then 万 (亿 may hold 万 inside: 一万亿 is 1e12)
    total = 0
    rest = s
    for big_ch in ("亿", "万"):
        if big_ch in rest:
            head, _, rest = rest.partition(big_ch)
            if big_ch == "亿":
                head_val = parse_cn_int(head) if head else 1
                if head_val is None and head:
                    return None
            else:
                head_val = _parse_section(head) if head else 1
            if head_val is None:
                return None
            total += head_val * CN_BIG_UNITS[big_ch]
            if "亿" in rest or ("万" in rest and big_ch == "万"):
                return None
    if rest.startswith(("零", "〇")):
        rest = rest[1:]
    tail = _parse_section(rest)
    if tail is None:
        return None
    return total + tail


def parse_arabic(s: str) -> float | None:
    """Value of an Arabic figure with optional 百/千/万/亿 multipliers: 1.5万 -> 15000."""
    s = to_halfwidth_digits(s).replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([百千万亿]*)", s)
    if not m:
        return None
    value = Decimal(m.group(1))  # Decimal: 615.43万 must be 6154300, not 6154299.999999999
    for ch in m.group(2):
        value *= {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}[ch]
    return float(value)


def parse_number(s: str) -> float | None:
    """Value of any written number: 48, 1.5万, 1300亿, 两千, 十五, 半; None if not a number.

    Trailing 余/多 (两千余, 100多) are ignored here: they are qualifiers, kept by the caller.
    """
    s = s.strip().rstrip("余多")
    if not s:
        return None
    if s in ("半", "一半"):
        return 0.5
    if s[0] in "0123456789０１２３４５６７８９":
        return parse_arabic(s)
    v = parse_cn_int(s)
    return None if v is None else float(v)


def parse_share(s: str) -> float | None:
    """A share of one written with 成 or 半 (三成 -> 0.3, 七成以上 -> 0.7, 一半 -> 0.5)."""
    s = s.strip()
    for suffix in ("以上", "左右", "多", "余"):
        s = s.removesuffix(suffix)
    if s in ("半", "一半", "过半"):
        return 0.5
    if s.endswith("成"):
        v = parse_number(s[:-1])
        return None if v is None else v / 10
    return None

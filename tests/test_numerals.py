"""Numeral parsing: the arithmetic every slogan and target depends on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tifalab.numerals import parse_cn_int, parse_number, parse_share

_DIG = "零一二三四五六七八九"


def _to_cn(n: int) -> str:
    """Reference writer of Chinese numerals below 1e8 (standard 零 placement)."""

    def sec(x: int) -> str:
        out, zero = "", False
        for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d:
                if zero and out:
                    out += "零"
                out += _DIG[d] + ch
                zero = False
            else:
                zero = True
        return out

    if n < 10_000:
        return sec(n)
    hi, lo = divmod(n, 10_000)
    return sec(hi) + "万" + ("零" if 0 < lo < 1000 else "") + sec(lo)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千三百", 1300),
        ("两千", 2000),
        ("十五", 15),
        ("十", 10),
        ("三十", 30),
        ("一百零五", 105),
        ("两千五", 2500),
        ("一亿二千万", 120_000_000),
        ("六十万", 600_000),
        ("一万亿", 10**12),
    ],
)
def test_cn_int(text: str, value: int) -> None:
    assert parse_cn_int(text) == value


def test_digit_strings_are_not_cardinals() -> None:
    # 二七 is a Zhengzhou place name, 一二二一 a slogan code, 二〇二五 a year
    assert parse_cn_int("二七") is None
    assert parse_cn_int("一二二一") is None
    assert parse_cn_int("二〇二五", digit_string=True) == 2025
    assert parse_cn_int("十四五") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("48", 48),
        ("1.5万", 15_000),
        ("110万", 1_100_000),
        ("1300亿", 1.3e11),
        ("6.66万亿", 6.66e12),
        ("1,200", 1200),
        ("615.43万", 6_154_300),
        ("１２．５", 12.5),
        ("两千余", 2000),
        ("半", 0.5),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)
    assert parse_number("615.43万") == 6_154_300


def test_share() -> None:
    assert parse_share("三成") == pytest.approx(0.3)
    assert parse_share("七成以上") == pytest.approx(0.7)
    assert parse_share("一半") == 0.5
    assert parse_share("三个") is None


@given(st.integers(min_value=1, max_value=99_999_999))
def test_roundtrip_against_reference_writer(n: int) -> None:
    assert parse_cn_int(_to_cn(n)) == n

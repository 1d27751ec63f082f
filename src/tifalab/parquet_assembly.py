"""Parquet files assembled from already-encoded row groups (byte-identical to ParquetWriter).

Why: the incremental build keeps most row groups of the previous output. Decoding each kept
group and encoding it again (``read_row_group`` + ``write_table``) was most of an incremental
build (~3 s of ~5 s on 40 MB of news). A Parquet row group is a byte range of column chunks
whose pages hold no absolute file offsets; only the footer (Thrift compact protocol) does. So a
kept group is copied as bytes and its footer entry re-based, and a new group is encoded once
by pyarrow into a one-group file in memory, whose bytes and footer entry are moved the same way.

The result equals, byte for byte, what ``pq.ParquetWriter`` writes for the same row groups
(tests/test_parquet_assembly.py checks this): the footer is re-encoded field by field in the
order it was read, with only the row groups, their offsets, ordinals and the row count changed.
Anything this module does not expect (page indexes, bloom filters, encryption, a footer that does
not round-trip exactly) raises ``AssemblyError``; the caller then falls back to pyarrow.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, BinaryIO

MAGIC = b"PAR1"

# Thrift compact protocol type ids
_TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = range(1, 13)

# parquet.thrift field ids used here
_FMD_NUM_ROWS, _FMD_ROW_GROUPS, _FMD_ENCRYPTION = 3, 4, 8
_RG_COLUMNS, _RG_NUM_ROWS, _RG_FILE_OFFSET, _RG_TOTAL_COMPRESSED, _RG_ORDINAL = 1, 3, 5, 6, 7
_CC_FILE_PATH, _CC_FILE_OFFSET, _CC_META = 1, 2, 3
_CC_UNSUPPORTED = (4, 5, 6, 7, 8, 9)  # page index, encryption
_CM_TOTAL_COMPRESSED, _CM_DATA_PAGE, _CM_INDEX_PAGE, _CM_DICT_PAGE = 7, 9, 10, 11
_CM_UNSUPPORTED = (14, 15)  # bloom filter


class AssemblyError(ValueError):
    """The file uses a Parquet feature this module does not re-base; use pyarrow instead."""


# A decoded struct: its fields in wire order as [field id, type id, value]; a list value is
# (element type, [values]), a map value (key type, value type, [(k, v)]). A container field
# that no offset lives in is kept as its encoded bytes (``_Raw``), written back unchanged:
# decoding statistics and schemas field by field only to encode them again cost more than the
# whole copy.
Struct = list[list[Any]]


class _Raw(bytes):
    """A field value kept encoded (skipped while decoding)."""


# which container fields to decode, per struct: field id -> spec of the struct(s) inside
_COLUMN_META_SPEC: dict[int, Any] = {}  # offsets and sizes are plain integers
_COLUMN_CHUNK_SPEC = {_CC_META: _COLUMN_META_SPEC}
_ROW_GROUP_SPEC = {_RG_COLUMNS: _COLUMN_CHUNK_SPEC}
_FILE_META_SPEC = {_FMD_ROW_GROUPS: _ROW_GROUP_SPEC}


class _Reader:
    __slots__ = ("buf", "pos")

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def varint(self) -> int:
        buf, pos = self.buf, self.pos
        shift = result = 0
        while True:
            b = buf[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if b < 0x80:
                self.pos = pos
                return result
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def skip(self, t: int) -> None:
        """Move past one value of type ``t`` without building it."""
        buf = self.buf
        if t in (_I16, _I32, _I64):
            while buf[self.pos] & 0x80:
                self.pos += 1
            self.pos += 1
        elif t == _BINARY:
            n = self.varint()
            self.pos += n
        elif t == _STRUCT:
            while True:
                head = buf[self.pos]
                self.pos += 1
                if head == 0:
                    return
                if not head >> 4:
                    self.zigzag()
                ft = head & 0x0F
                if ft not in (_TRUE, _FALSE):
                    self.skip(ft)
        elif t in (_LIST, _SET):
            head = buf[self.pos]
            self.pos += 1
            size, et = head >> 4, head & 0x0F
            if size == 15:
                size = self.varint()
            if et in (_TRUE, _FALSE, _BYTE):
                self.pos += size
            elif et == _DOUBLE:
                self.pos += 8 * size
            else:
                for _ in range(size):
                    self.skip(et)
        elif t == _BYTE:
            self.pos += 1
        elif t == _DOUBLE:
            self.pos += 8
        elif t == _MAP:
            size = self.varint()
            if size:
                kv = buf[self.pos]
                self.pos += 1
                for _ in range(size):
                    self.skip(kv >> 4)
                    self.skip(kv & 0x0F)
        else:
            raise AssemblyError(f"unknown Thrift type {t}")

    def value(self, t: int, spec: dict[int, Any] | None = None) -> Any:
        if t == _STRUCT:
            return self.struct(spec)
        if t in (_I16, _I32, _I64):
            return self.zigzag()
        if t == _BINARY:
            n = self.varint()
            v = self.buf[self.pos:self.pos + n]
            self.pos += n
            return v
        if t in (_LIST, _SET):
            head = self.buf[self.pos]
            self.pos += 1
            size, et = head >> 4, head & 0x0F
            if size == 15:
                size = self.varint()
            if et in (_TRUE, _FALSE):  # list booleans are one byte each
                vals = list(self.buf[self.pos:self.pos + size])
                self.pos += size
                return (et, vals)
            return (et, [self.value(et, spec) for _ in range(size)])
        if t == _BYTE:
            v = self.buf[self.pos]
            self.pos += 1
            return v
        if t == _DOUBLE:
            v = self.buf[self.pos:self.pos + 8]
            self.pos += 8
            return v
        if t == _MAP:
            size = self.varint()
            if not size:
                return (0, 0, [])
            kv = self.buf[self.pos]
            self.pos += 1
            kt, vt = kv >> 4, kv & 0x0F
            return (kt, vt, [(self.value(kt), self.value(vt)) for _ in range(size)])
        raise AssemblyError(f"unknown Thrift type {t}")

    def struct(self, spec: dict[int, Any] | None = None) -> Struct:
        """A struct's fields; with ``spec``, container fields not named in it stay ``_Raw``."""
        fields: Struct = []
        last = 0
        while True:
            head = self.buf[self.pos]
            self.pos += 1
            if head == 0:
                return fields
            t, delta = head & 0x0F, head >> 4
            fid = last + delta if delta else self.zigzag()
            last = fid
            if t in (_TRUE, _FALSE):
                fields.append([fid, t, t == _TRUE])
            elif spec is not None and t >= _LIST and fid not in spec:
                start = self.pos
                self.skip(t)
                fields.append([fid, t, _Raw(self.buf[start:self.pos])])
            else:
                fields.append([fid, t, self.value(t, None if spec is None else spec.get(fid))])


def _varint(out: bytearray, n: int) -> None:
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _zigzag(out: bytearray, n: int) -> None:
    _varint(out, (n << 1) ^ (n >> 63))


def _write_value(out: bytearray, t: int, v: Any) -> None:
    if isinstance(v, _Raw):
        out += v
    elif t == _STRUCT:
        _write_struct(out, v)
    elif t in (_I16, _I32, _I64):
        _zigzag(out, v)
    elif t == _BINARY:
        _varint(out, len(v))
        out += v
    elif t in (_LIST, _SET):
        et, vals = v
        if len(vals) < 15:
            out.append((len(vals) << 4) | et)
        else:
            out.append(0xF0 | et)
            _varint(out, len(vals))
        if et in (_TRUE, _FALSE):
            out += bytes(vals)
        else:
            for x in vals:
                _write_value(out, et, x)
    elif t == _BYTE:
        out.append(v)
    elif t == _DOUBLE:
        out += v
    elif t == _MAP:
        kt, vt, items = v
        _varint(out, len(items))
        if items:
            out.append((kt << 4) | vt)
            for k, x in items:
                _write_value(out, kt, k)
                _write_value(out, vt, x)
    else:
        raise AssemblyError(f"unknown Thrift type {t}")


def _write_struct(out: bytearray, fields: Struct) -> None:
    last = 0
    for fid, t, v in fields:
        wt = (_TRUE if v else _FALSE) if t in (_TRUE, _FALSE) else t
        if 0 < fid - last <= 15:
            out.append(((fid - last) << 4) | wt)
        else:
            out.append(wt)
            _zigzag(out, fid)
        last = fid
        if t not in (_TRUE, _FALSE):
            _write_value(out, t, v)
    out.append(0)


def encode_struct(fields: Struct) -> bytes:
    out = bytearray()
    _write_struct(out, fields)
    return bytes(out)


def _field(fields: Struct, fid: int) -> list[Any] | None:
    for f in fields:
        if f[0] == fid:
            return f
    return None


def read_footer(data: bytes | None = None, fh: BinaryIO | None = None) -> tuple[Struct, int]:
    """The decoded FileMetaData of a Parquet file and the offset where the footer starts.

    Checks that re-encoding gives back the very same bytes (else ``AssemblyError``): the
    assembled file is only ever written from a footer this module reproduces exactly.
    """
    if fh is not None:
        fh.seek(-8, os.SEEK_END)
        tail = fh.read(8)
        size = fh.tell()
    else:
        assert data is not None
        tail, size = data[-8:], len(data)
    if len(tail) != 8 or tail[4:] != MAGIC:
        raise AssemblyError("not a Parquet file")
    (n,) = struct.unpack("<I", tail[:4])
    start = size - 8 - n
    if start < 4:
        raise AssemblyError("bad footer length")
    if fh is not None:
        fh.seek(start)
        raw = fh.read(n)
    else:
        assert data is not None
        raw = data[start:start + n]
    try:
        meta = _Reader(raw).struct(_FILE_META_SPEC)
    except IndexError as exc:
        raise AssemblyError("truncated footer") from exc
    if encode_struct(meta) != raw:
        raise AssemblyError("footer does not round-trip")
    if _field(meta, _FMD_ENCRYPTION) is not None:
        raise AssemblyError("encrypted file")
    return meta, start


@dataclass
class RowGroupBytes:
    """One encoded row group: its column-chunk bytes and footer entry, based at ``base``
    (the file offset its bytes started at in the file they came from)."""

    data: bytes
    meta: Struct  # decoded RowGroup
    base: int
    num_rows: int


def _row_group_span(rg: Struct) -> tuple[int, int]:
    """(first byte, byte length) of a row group, checking its chunks are contiguous."""
    spans = []
    for cc in _field(rg, _RG_COLUMNS)[2][1]:  # type: ignore[index]
        if any(_field(cc, f) is not None for f in _CC_UNSUPPORTED):
            raise AssemblyError("page index or encrypted column")
        fp = _field(cc, _CC_FILE_PATH)
        if fp is not None and fp[2]:
            raise AssemblyError("column chunk in another file")
        cm = _field(cc, _CC_META)[2]  # type: ignore[index]
        if any(_field(cm, f) is not None for f in _CM_UNSUPPORTED):
            raise AssemblyError("bloom filter")
        first = _field(cm, _CM_DATA_PAGE)[2]  # type: ignore[index]
        for f in (_CM_DICT_PAGE, _CM_INDEX_PAGE):
            fld = _field(cm, f)
            if fld is not None and 0 < fld[2] < first:
                first = fld[2]
        spans.append((first, _field(cm, _CM_TOTAL_COMPRESSED)[2]))  # type: ignore[index]
    spans.sort()
    if not spans:
        raise AssemblyError("row group without columns")
    for (a, n), (b, _) in pairwise(spans):
        if a + n != b:
            raise AssemblyError("row group chunks are not contiguous")
    return spans[0][0], spans[-1][0] + spans[-1][1] - spans[0][0]


def row_group_from_file(fh: BinaryIO, meta: Struct, index: int) -> RowGroupBytes:
    """Row group ``index`` of an open Parquet file whose footer ``meta`` was read by ``read_footer``."""
    rgs = _field(meta, _FMD_ROW_GROUPS)
    if rgs is None or not 0 <= index < len(rgs[2][1]):
        raise AssemblyError(f"no row group {index}")
    rg = rgs[2][1][index]
    start, length = _row_group_span(rg)
    fh.seek(start)
    data = fh.read(length)
    if len(data) != length:
        raise AssemblyError("file shorter than its footer says")
    return RowGroupBytes(data, rg, start, _field(rg, _RG_NUM_ROWS)[2])  # type: ignore[index]


def encode_row_group(table: Any, schema: Any, **writer_options: Any) -> RowGroupBytes:
    """Encode ``table`` as one row group with ``pq.ParquetWriter`` (in memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    with pq.ParquetWriter(sink, schema, **writer_options) as w:
        w.write_table(table, row_group_size=max(1, table.num_rows))
    data = sink.getvalue().to_pybytes()
    meta, start = read_footer(data)
    rgs = _field(meta, _FMD_ROW_GROUPS)
    if rgs is None or len(rgs[2][1]) != 1:
        raise AssemblyError("expected exactly one row group")
    rg = rgs[2][1][0]
    first, length = _row_group_span(rg)
    if first != 4 or first + length != start:
        raise AssemblyError("unexpected layout of a one-group file")
    return RowGroupBytes(data[4:start], rg, 4, _field(rg, _RG_NUM_ROWS)[2])  # type: ignore[index]


def empty_footer(schema: Any, **writer_options: Any) -> Struct:
    """The footer pyarrow writes for ``schema`` with no row groups: the template of a file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.ParquetWriter(sink, schema, **writer_options).close()
    return read_footer(sink.getvalue().to_pybytes())[0]


def _rebased(rg: Struct, shift: int, ordinal: int) -> Struct:
    """A copy of a RowGroup entry moved by ``shift`` bytes and numbered ``ordinal``."""
    out: Struct = []
    for fid, t, v in rg:
        if fid == _RG_COLUMNS:
            cols = []
            for cc in v[1]:
                new_cc: Struct = []
                for cfid, ct, cv in cc:
                    if cfid == _CC_FILE_OFFSET and cv:
                        cv += shift
                    elif cfid == _CC_META:
                        cv = [[mfid, mt, mv + shift if mfid in (_CM_DATA_PAGE, _CM_INDEX_PAGE, _CM_DICT_PAGE)
                               and mt == _I64 and mv else mv] for mfid, mt, mv in cv]
                    new_cc.append([cfid, ct, cv])
                cols.append(new_cc)
            v = (v[0], cols)
        elif fid == _RG_FILE_OFFSET:
            v += shift
        elif fid == _RG_ORDINAL:
            v = ordinal
        out.append([fid, t, v])
    return out


class AssembledFile:
    """Appends encoded row groups to an open file; ``finish`` writes the footer.

    ``template``: the footer of an empty file with the table's schema and writer options
    (``empty_footer``); the finished footer is that one with the row groups and row count set,
    which is what ParquetWriter itself writes.
    """

    def __init__(self, fh: BinaryIO, template: Struct) -> None:
        self.fh = fh
        self.template = template
        self.groups: list[Struct] = []
        self.num_rows = 0
        fh.write(MAGIC)
        self.pos = len(MAGIC)

    def append(self, group: RowGroupBytes) -> int:
        """Write one row group; return its index in this file."""
        index = len(self.groups)
        self.groups.append(_rebased(group.meta, self.pos - group.base, index))
        self.fh.write(group.data)
        self.pos += len(group.data)
        self.num_rows += group.num_rows
        return index

    def finish(self) -> None:
        meta: Struct = []
        for fid, t, v in self.template:
            if fid == _FMD_NUM_ROWS:
                v = self.num_rows
            elif fid == _FMD_ROW_GROUPS:
                v = (_STRUCT, self.groups)
            meta.append([fid, t, v])
        raw = encode_struct(meta)
        self.fh.write(raw)
        self.fh.write(struct.pack("<I", len(raw)))
        self.fh.write(MAGIC)


def assemble(groups: list[RowGroupBytes], template: Struct) -> bytes:
    """A whole file in memory (tests and small tables)."""
    buf = io.BytesIO()
    f = AssembledFile(buf, template)
    for g in groups:
        f.append(g)
    f.finish()
    return buf.getvalue()

"""Pictures for the tests that a shop owner, or someone meaning harm, might choose."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def vast_png(path: Path, side: int) -> Path:
    """A real PNG ``side`` pixels square, black and white and all white: a few
    kilobytes on disk that take side² bytes or more to draw."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # each row: no filter, then its pixels
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", packed)
        + _chunk(b"IEND", b"")
    )
    return path

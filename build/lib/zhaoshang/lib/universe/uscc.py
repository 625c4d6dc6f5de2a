"""Unified social credit codes (统一社会信用代码, GB 32100-2015), made and checked a column at a time.

Layout: registration authority (1) + organisation category (1) + registration division (6, GB/T 2260)
+ organisation code (9: 8 characters + a GB 11714 check) + the GB 32100 check character. The check
weights are 3^i mod 31 over the 31-character alphabet without I, O, S, V, Z.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
import pyarrow as pa

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_VALUE = np.full(256, -1, dtype=np.int64)
_VALUE[np.frombuffer(ALPHABET.encode(), dtype=np.uint8)] = np.arange(len(ALPHABET))
_CHARS = np.frombuffer(ALPHABET.encode(), dtype=np.uint8)
# An odd multiplier not divisible by 5 is a bijection on 0..10^8-1: distinct firms, distinct codes.
_SCRAMBLE = 48_271


def make_uscc(firm_ids: np.ndarray, division_codes: np.ndarray, seed: int) -> pa.Array:
    """Valid, distinct USCCs for firms (ids below 10^8) registered in the given county codes."""
    n = len(firm_ids)
    body = (firm_ids.astype(np.int64) * _SCRAMBLE + (seed * 7_919) % 100_000_000) % 100_000_000
    digits = np.empty((n, 17), dtype=np.int64)
    digits[:, 0], digits[:, 1] = 9, 1  # 工商 registration, enterprise
    division = np.char.encode(division_codes.astype("U6"), "ascii").view(np.uint8).reshape(n, 6)
    digits[:, 2:8] = division - ord("0")
    for i in range(8):
        digits[:, 8 + i] = body // 10 ** (7 - i) % 10
    org_check = 11 - (digits[:, 8:16] @ ORG_WEIGHTS) % 11
    # GB 11714: 10 is written X, 11 is written 0.
    digits[:, 16] = np.where(org_check == 10, ALPHABET.index("X"), np.where(org_check == 11, 0, org_check))
    check = (31 - (digits @ USCC_WEIGHTS) % 31) % 31
    chars = np.concatenate([_CHARS[digits], _CHARS[check][:, None]], axis=1)
    return pa.array(chars.reshape(-1).view("S18").astype(str), pa.string())


def normalize(code: str | None) -> str:
    """The code as stored: full-width characters folded (NFKC), spaces and dashes dropped, upper case."""
    return unicodedata.normalize("NFKC", code or "").replace(" ", "").replace("-", "").upper()


def valid_mask(codes: Sequence[str | None]) -> np.ndarray:
    """True where a code is a well-formed USCC with the right GB 32100 check character."""
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=bool)
    cleaned = [normalize(c) for c in codes]
    ok = np.array([len(c) == 18 and c.isascii() for c in cleaned])
    padded = np.frombuffer(
        "".join(c if o else "0" * 18 for c, o in zip(cleaned, ok, strict=True)).encode(), dtype=np.uint8
    ).reshape(n, 18)
    values = _VALUE[padded]
    ok &= (
        (values >= 0).all(axis=1)
        & (padded[:, :8] >= ord("0")).all(axis=1)
        & (padded[:, :8] <= ord("9")).all(axis=1)
    )
    check = (31 - (np.maximum(values[:, :17], 0) @ USCC_WEIGHTS) % 31) % 31
    return ok & (check == values[:, 17])

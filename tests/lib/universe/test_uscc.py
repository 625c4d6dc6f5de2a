"""USCCs made a column at a time are valid by python-stdnum's GB 32100 check and distinct."""

from __future__ import annotations

import numpy as np
from stdnum.cn import uscc

from zhaoshang.lib.universe.uscc import make_uscc, valid_mask


def test_generated_codes_pass_stdnum_and_are_distinct():
    codes = make_uscc(np.arange(0, 50_000), np.array(["500106", "110105"] * 25_000), seed=9).to_pylist()
    assert all(uscc.is_valid(c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert codes[0][2:8] == "500106" and codes[1][2:8] == "110105"


def test_the_column_check_agrees_with_stdnum():
    good = make_uscc(np.arange(5), np.array(["500106"] * 5), seed=1).to_pylist()
    samples = [
        *good,
        good[0][:-1] + ("1" if good[0][-1] != "1" else "2"),
        "91500106MA5U0000I0",
        "123",
        None,
        "",
        good[1].lower(),
        "9150010600332598６W",
    ]
    assert valid_mask(samples).tolist() == [uscc.is_valid(s or "") for s in samples]

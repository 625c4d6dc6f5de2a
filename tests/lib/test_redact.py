"""Log redaction: secrets, ID-card and phone numbers are masked; business figures and codes are not."""

from __future__ import annotations

import pytest

from zhaoshang.lib.redact import redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("login failed password=hunter2 user=bob", "hunter2"),
        ('{"password": "two words", "next": "/"}', "two words"),
        ("{'new_password1': 'a\\'b c'}", "b c"),
        ("csrfmiddlewaretoken=k3y&username=bob", "k3y"),
        ("Authorization: Bearer zs_abcdefghijklmnop", "zs_abcdefghijklmnop"),
        ("X-API-Token: 0123456789abcdef", "0123456789abcdef"),
        ('api_key: "zzz-123"', "zzz-123"),
        ("could not connect to postgres://app:s3cr3t@db:5432/zhaoshang", "s3cr3t"),
        ("经办人身份证 11010519491231002X 已核验", "11010519491231002X"),
        ("old id 110105491231002 here", "110105491231002"),
        ("联系电话 13812345678", "13812345678"),
        ("call +86 138-1234-5678 today", "138-1234-5678"),
        ("办公电话 023-65432100", "65432100"),
    ],
)
def test_it_masks(text: str, secret: str):
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "USCC 91500106MA5U3XYZ1K accepted",
        "region 500106 period 2022H1 contract 32050000000 yuan",
        "GET /projects/1234/?page=2 200",
        "project 3966 signed on 2022-06-30",
    ],
)
def test_it_leaves_business_data_alone(text: str):
    assert redact(text) == text

"""Log redaction: secrets, ID-card and phone numbers are masked; business figures and codes are not."""

from __future__ import annotations

import pytest

from zhaoshang.lib.redact import bounded, redact


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


# Inputs that made the old patterns quadratic (issue 14, defect 4): each is a megabyte, and each is redacted
# in one pass (bench/bench_redact.py measures the time; a quadratic pattern would take hours here).
MEGABYTE = 2**20


@pytest.mark.parametrize(
    "filler",
    ["a", "abc", 'password="x ', "a ", "1", "密码", "x-", "postgres://u:", "Bearer ", "token=", "'"],
)
def test_a_megabyte_of_adversarial_text_is_redacted_and_a_secret_after_it_is_still_masked(filler: str):
    text = filler * (MEGABYTE // len(filler)) + " password=hunter2 13812345678"
    redacted = redact(text)
    assert "hunter2" not in redacted and "13812345678" not in redacted


def test_a_long_bearer_token_is_masked_to_its_end():
    token = "eyJ" + "A" * 2000
    assert "AAAA" not in redact(f"Authorization: Bearer {token}")


def test_an_unclosed_quote_masks_to_the_end_of_the_line():
    assert redact('token="abc123 and more\nnext line') == 'token="***\nnext line'


def test_bounded_cuts_a_long_text_and_says_how_long_it_was():
    assert bounded("abc", limit=5) == "abc"
    assert bounded("a" * 10, limit=5) == "aaaaa…[cut: 10 characters in all]"

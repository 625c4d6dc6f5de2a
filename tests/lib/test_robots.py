"""The group-robot requests of 企业微信, 钉钉 and 飞书 as their documentation gives them, the signatures, and
the reading of their answers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest

from zhaoshang.lib import robots

NOW_MS = 1_765_000_000_123


def test_wecom_gets_a_markdown_message_with_the_link():
    request = robots.build(
        robots.WECOM,
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
        subject="线索跟进",
        body="下一步：拜访",
        link="https://zs.example/leads/1/",
        now_ms=NOW_MS,
    )
    payload = json.loads(request.body)
    assert request.url == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K"
    assert payload["msgtype"] == "markdown"
    assert payload["markdown"]["content"].startswith("### 线索跟进")
    assert "[查看详情](https://zs.example/leads/1/)" in payload["markdown"]["content"]


def test_wecom_content_is_cut_to_4096_bytes_at_a_character_boundary():
    request = robots.build(robots.WECOM, "https://x/", subject="汇总", body="招商" * 3000, now_ms=NOW_MS)
    content = json.loads(request.body)["markdown"]["content"]
    assert len(content.encode("utf-8")) <= robots.WECOM_MARKDOWN_BYTES
    assert content.endswith("…")


def test_dingtalk_signs_timestamp_newline_secret_with_the_secret():
    secret = "SECtest"
    request = robots.build(
        robots.DINGTALK,
        "https://oapi.dingtalk.com/robot/send?access_token=T",
        subject="提醒",
        body="内容",
        secret=secret,
        now_ms=NOW_MS,
    )
    query = parse_qs(urlsplit(request.url).query)
    assert query["access_token"] == ["T"]
    assert query["timestamp"] == [str(NOW_MS)]
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{NOW_MS}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert query["sign"] == [expected]  # parse_qs decodes the url-encoding once
    raw_sign = urlsplit(request.url).query.split("sign=")[1]
    assert unquote_plus(raw_sign) == expected and "+" not in raw_sign and "/" not in raw_sign
    payload = json.loads(request.body)
    assert payload["msgtype"] == "markdown" and payload["markdown"]["title"] == "提醒"


def test_dingtalk_without_a_secret_is_not_signed():
    request = robots.build(
        robots.DINGTALK, "https://x/send?access_token=T", subject="s", body="b", now_ms=NOW_MS
    )
    assert "sign=" not in request.url


def test_feishu_signs_in_the_body_with_seconds_and_an_empty_message():
    request = robots.build(
        robots.FEISHU,
        "https://open.feishu.cn/open-apis/bot/v2/hook/H",
        subject="提醒",
        body="内容",
        link="https://zs/x",
        secret="S",
        now_ms=NOW_MS,
    )
    payload = json.loads(request.body)
    seconds = NOW_MS // 1000
    assert payload["timestamp"] == str(seconds)
    key = f"{seconds}\nS".encode()
    assert payload["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert payload["msg_type"] == "text"
    assert payload["content"]["text"] == "提醒\n内容\n查看详情：https://zs/x"


@pytest.mark.parametrize(
    ("platform", "status", "answer", "ok"),
    [
        (robots.WECOM, 200, b'{"errcode":0,"errmsg":"ok"}', True),
        (robots.WECOM, 200, b'{"errcode":93000,"errmsg":"invalid webhook url"}', False),
        (robots.DINGTALK, 200, b'{"errcode":310000,"errmsg":"sign not match"}', False),
        (robots.FEISHU, 200, b'{"code":0,"msg":"success","data":{}}', True),
        (robots.FEISHU, 200, b'{"StatusCode":0,"StatusMessage":"success"}', True),
        (robots.FEISHU, 200, b'{"code":19021,"msg":"sign match fail"}', False),
        (robots.WECOM, 500, b"oops", False),
        (robots.WECOM, 200, b"<html>", False),
    ],
)
def test_an_answer_is_a_success_only_with_code_zero(platform, status, answer, ok):
    assert (robots.failure(platform, status, answer) is None) is ok


def test_secrets_are_masked():
    assert robots.masked("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef123456") == (
        "https://qyapi.weixin.qq.com/…3456"
    )
    assert robots.masked("SECabcdefghijkl").endswith("ijkl") and "abcdef" not in robots.masked(
        "SECabcdefghijkl"
    )
    assert robots.masked("short") == "•••••"

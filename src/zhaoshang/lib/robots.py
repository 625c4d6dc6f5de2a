"""Group-robot messages of 企业微信, 钉钉 and 飞书: the request each platform documents, its signature, and
what its answer means. Pure: the caller posts the bytes and hands back the answer.

Formats (the platforms' custom-robot documentation):
- 企业微信: POST the webhook URL (…/cgi-bin/webhook/send?key=…) with {"msgtype": "markdown",
  "markdown": {"content": …}} (content at most 4096 bytes); success is {"errcode": 0, "errmsg": "ok"}.
- 钉钉: POST …/robot/send?access_token=… with {"msgtype": "markdown", "markdown": {"title": …, "text": …}};
  with 加签 the URL also carries `timestamp` (milliseconds) and `sign` = url-encoded base64 of
  HMAC-SHA256(key=secret, message="timestamp\\nsecret"); success is {"errcode": 0, "errmsg": "ok"}.
- 飞书: POST …/open-apis/bot/v2/hook/… with {"msg_type": "text", "content": {"text": …}}; with 签名校验
  the body also carries "timestamp" (seconds) and "sign" = base64 of HMAC-SHA256(key="timestamp\\nsecret",
  message=""); success is {"code": 0, "msg": "success"} (older answers: {"StatusCode": 0}).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit

WECOM, DINGTALK, FEISHU = "wecom", "dingtalk", "feishu"
PLATFORMS = (WECOM, DINGTALK, FEISHU)
WECOM_MARKDOWN_BYTES = 4096
DINGTALK_TEXT_BYTES = 20_000
FEISHU_BODY_BYTES = 20_000


@dataclass(frozen=True)
class Request:
    url: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json; charset=utf-8"),)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: base64(HMAC-SHA256(secret, "timestamp\\nsecret")), url-encoded."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode("ascii"))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """飞书 签名校验: base64(HMAC-SHA256(key="timestamp\\nsecret", message=""))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _clip(text: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, cut at a character boundary with an ellipsis."""
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    return raw[: limit - 3].decode("utf-8", "ignore") + "…"


def _with_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in extra]
    # the sign is already url-encoded (the documented form): append it as it is
    tail = "&".join(f"{k}={v}" for k, v in extra.items())
    joined = f"{urlencode(query)}&{tail}" if query else tail
    return urlunsplit((parts.scheme, parts.netloc, parts.path, joined, parts.fragment))


def markdown_text(subject: str, body: str, link: str = "") -> str:
    lines = [f"### {subject}", "", body.strip()]
    if link:
        lines += ["", f"[查看详情]({link})"]
    return "\n".join(lines)


def plain_text(subject: str, body: str, link: str = "") -> str:
    lines = [subject, body.strip()]
    if link:
        lines.append(f"查看详情：{link}")
    return "\n".join(lines)


def build(
    platform: str, url: str, *, subject: str, body: str, link: str = "", secret: str = "", now_ms: int
) -> Request:
    """The request that posts one message to a group robot at `now_ms` (milliseconds since the epoch)."""
    if platform == WECOM:
        payload: dict[str, object] = {
            "msgtype": "markdown",
            "markdown": {"content": _clip(markdown_text(subject, body, link), WECOM_MARKDOWN_BYTES)},
        }
    elif platform == DINGTALK:
        payload = {
            "msgtype": "markdown",
            "markdown": {
                "title": subject[:64],
                "text": _clip(markdown_text(subject, body, link), DINGTALK_TEXT_BYTES),
            },
        }
        if secret:
            url = _with_query(url, {"timestamp": str(now_ms), "sign": dingtalk_sign(secret, now_ms)})
    elif platform == FEISHU:
        payload = {
            "msg_type": "text",
            "content": {"text": _clip(plain_text(subject, body, link), FEISHU_BODY_BYTES - 200)},
        }
        if secret:
            seconds = now_ms // 1000
            payload = {"timestamp": str(seconds), "sign": feishu_sign(secret, seconds), **payload}
    else:
        raise ValueError(f"unknown robot platform {platform!r}")
    return Request(url, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def failure(platform: str, status: int, answer: bytes) -> str | None:
    """None when the platform accepted the message; else why not (for the outbox's last error)."""
    text = answer.decode("utf-8", "replace")[:300]
    if status != 200:
        return f"HTTP {status}: {text}"
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return f"not JSON: {text}"
    if not isinstance(data, dict):
        return f"unexpected answer: {text}"
    if platform == FEISHU:
        code = data.get("code", data.get("StatusCode"))
        message = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, message = data.get("errcode"), data.get("errmsg", "")
    if code == 0:
        return None
    return f"code {code}: {message}"


def masked(value: str, keep: int = 4) -> str:
    """A secret or webhook address as pages show it: never in full."""
    if not value:
        return ""
    if len(value) <= keep * 2:
        return "•" * len(value)
    parts = urlsplit(value)
    head = f"{parts.scheme}://{parts.netloc}/…" if parts.scheme and parts.netloc else value[:keep] + "…"
    return head + value[-keep:]

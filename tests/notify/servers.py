"""Real servers on 127.0.0.1 for the delivery tests: an SMTP server (aiosmtpd) and a group-robot webhook
server (http.server in a thread) that answers as 企业微信/钉钉/飞书 do and checks 钉钉's and 飞书's signatures."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, mail))
        return "250 OK"


@dataclass
class Hit:
    path: str
    query: dict[str, list[str]]
    body: dict[str, Any]


@dataclass
class RobotServer:
    """Answers robot webhooks: `mode` ok | 500 | slow; `secrets` by path checks the signatures."""

    port: int = 0
    mode: str = "ok"
    delay: float = 3.0
    hits: list[Hit] = field(default_factory=list)
    secrets: dict[str, str] = field(default_factory=dict)
    server: Any = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> RobotServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                parts = urlsplit(self.path)
                hit = Hit(parts.path, parse_qs(parts.query), json.loads(raw.decode("utf-8")))
                owner.hits.append(hit)
                if owner.mode == "500":
                    self._answer(500, b"internal error")
                    return
                if owner.mode == "slow":
                    time.sleep(owner.delay)
                self._answer(200, json.dumps(owner.judge(hit)).encode())

            def _answer(self, status: int, content: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client gave up (a timeout test)
                    self.wfile.write(content)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def judge(self, hit: Hit) -> dict[str, Any]:
        """What the platform would answer: 钉钉 and 飞书 refuse a missing or wrong signature."""
        secret = self.secrets.get(hit.path)
        if hit.path.startswith("/dingtalk"):
            if secret is not None:
                ts = hit.query.get("timestamp", [""])[0]
                want = base64.b64encode(
                    hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
                ).decode()
                fresh = ts.isdigit() and abs(int(ts) - time.time() * 1000) < 3_600_000
                if hit.query.get("sign", [""])[0] != want or not fresh:
                    return {"errcode": 310000, "errmsg": "sign not match"}
            return {"errcode": 0, "errmsg": "ok"}
        if hit.path.startswith("/feishu"):
            if secret is not None:
                ts = hit.body.get("timestamp", "")
                want = base64.b64encode(
                    hmac.new(f"{ts}\n{secret}".encode(), b"", hashlib.sha256).digest()
                ).decode()
                if hit.body.get("sign") != want:
                    return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}
            return {"code": 0, "msg": "success", "data": {}}
        return {"errcode": 0, "errmsg": "ok"}

"""Locust users of bench/load_test.py: bureau staff reading the ledger, the cockpit and the API.

Each simulated user logs in once (a demo account, round-robin over the roles) and then, with a short think
time, opens the ledger list, the Shapingba 2022-H1 cockpit or the metrics API (with a personal token).
A response other than 200 — a redirect to the log-in page included — counts as an error.
Run through bench/load_test.py, which serves the app and sets LOAD_TOKENS; alone:
    LOAD_TOKENS='{"admin": "zs_…"}' .venv/bin/locust -f bench/locustfile.py --headless -u 50 -t 2m -H http://127.0.0.1:8000
"""

from __future__ import annotations

import itertools
import json
import os
import re

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

PASSWORD = os.environ.get("LOAD_PASSWORD", "zhaoshang-demo")
TOKENS: dict[str, str] = json.loads(os.environ.get("LOAD_TOKENS", "{}"))
USERS = itertools.cycle(sorted(TOKENS) or ["admin"])
REGION, PERIOD = "500106", "2022H1"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class BureauUser(FastHttpUser):
    wait_time = between(
        float(os.environ.get("LOAD_WAIT_MIN", "0.5")), float(os.environ.get("LOAD_WAIT_MAX", "1.5"))
    )

    def on_start(self) -> None:
        self.username = next(USERS)
        page = self.client.get("/login/", name="/login/ (GET)")
        token = CSRF.search(page.text or "")
        with self.client.post(
            "/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/login/"},
            allow_redirects=False,
            name="/login/ (POST)",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"log-in of {self.username} answered {response.status_code}")

    def _get(self, path: str, name: str, **kwargs: object) -> None:
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {self.username}")

    @task(3)
    def ledger(self) -> None:
        self._get(f"/projects/?region={REGION}", "/projects/ (ledger)")

    @task(2)
    def cockpit(self) -> None:
        self._get(f"/cockpit/?region={REGION}&period={PERIOD}", "/cockpit/")

    @task(2)
    def metrics_api(self) -> None:
        headers = {"Authorization": f"Bearer {TOKENS[self.username]}"} if self.username in TOKENS else {}
        self._get(f"/api/metrics?region={REGION}&period={PERIOD}", "/api/metrics", headers=headers)

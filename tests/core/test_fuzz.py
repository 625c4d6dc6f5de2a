"""Absurd input never breaks a page or an API route (issue 14, "Done when"): every form and API body the
permission matrix knows (tests/accounts/url_matrix.py enumerates them from the URL conf and the OpenAPI
schema) is posted with each field replaced by huge and negative amounts, NaN and infinities, a megabyte
of text, control characters, impossible dates and 20-digit ids; every page is requested with such query
parameters, and every form is also posted with the fields views read by hand (fact, ids, next …) set to
such values. No answer may be a 5xx and nothing may be logged as an error with a traceback.

A route that still fails is listed in KNOWN with the defect that explains it (a strict xfail: the entry
must go when the defect is fixed).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests.accounts import url_matrix as m
from tests.accounts.world import DISTRICTS, World, build_world

pytestmark = pytest.mark.django_db

MEGABYTE_TEXT = "长" * (2**20 // 3)  # a megabyte in UTF-8
FORM_VALUES = [
    "9223372036854775807元",
    "99999999999999999999999999亿元",
    "1e30",
    "-500000000",
    "-1",
    "NaN",
    "inf",
    "\x00\x07控制\x1f字符",
    "2022-13-45",
    "0000-00-00",
    "99999999999999999999",
    '=HYPERLINK("http://evil.example")',
    MEGABYTE_TEXT,
]
JSON_VALUES: list[Any] = [
    10**30,
    -(10**18),
    -1,
    1e308,
    "NaN",
    "9223372036854775807元",
    "\x00\x07控制\x1f",
    "2022-13-45",
    99999999999999999999,
    MEGABYTE_TEXT,
    None,
    [],
    {},
]
QUERY_VALUES = ["abc", "NaN", "-1", "99999999999999999999", "1e30", "2022-13-45", "%00", "2022H9", "\x1f"]
QUERY_KEYS = ["region", "period", "year", "top", "page", "min_capital", "q", "stage", "sort", "chain", "fact"]
# Posted to every form, known payload or not: the fields the views read from request.POST by hand.
FORM_KEYS = [
    "fact",
    "ids",
    "name",
    "region",
    "reason",
    "candidate",
    "next",
    "to_stage",
    "on",
    "text",
    "value",
    "token",
]
BIG_ID = "99999999999999999999"

# route label -> why it still fails (remove when fixed; strict xfail reports an XPASS otherwise)
KNOWN: dict[str, str] = {}


@dataclass
class Case:
    label: str
    requests: list[m.Probe]


def _mutations(probe: m.Probe, values: list[Any]) -> Iterator[m.Probe]:
    for field in list(probe.data or {}):
        for value in values:
            yield m.Probe(
                probe.kind, probe.label, probe.method, probe.url, None, {**probe.data, field: value}
            )


def _with_big_ids(probe: m.Probe) -> m.Probe | None:
    url = re.sub(r"/\d+(?=/|$|\?)", f"/{BIG_ID}", probe.url)
    return None if url == probe.url else m.Probe(probe.kind, probe.label, probe.method, url, None, probe.data)


def cases(world: World, schema: dict[str, Any]) -> list[Case]:
    by_label: dict[str, list[m.Probe]] = {}
    seen: set[tuple[str, str, str]] = set()
    for probe in [*m.page_probes(world), *m.api_probes(world, schema)]:
        if probe.query_probe or probe.district not in (None, DISTRICTS[0]):
            continue  # one district is enough: this is about values, not scoping
        key = (probe.kind, probe.label, probe.method)
        if key in seen:
            continue
        seen.add(key)
        requests = by_label.setdefault(probe.label, [])
        if probe.data:
            requests += _mutations(probe, JSON_VALUES if probe.kind == "api" else FORM_VALUES)
        if probe.kind == "page" and probe.method == "POST":
            for value in FORM_VALUES[:-1]:  # not the megabyte: twelve of them exceed the request limit (413)
                data = {**(probe.data or {}), **dict.fromkeys(FORM_KEYS, value)}
                requests.append(m.Probe(probe.kind, probe.label, "POST", probe.url, None, data))
        if probe.method == "GET":
            separator = "&" if "?" in probe.url else "?"
            for value in QUERY_VALUES:
                query = "&".join(f"{k}={value}" for k in QUERY_KEYS)
                requests.append(
                    m.Probe(probe.kind, probe.label, "GET", f"{probe.url}{separator}{query}", None)
                )
        if big := _with_big_ids(probe):
            requests.append(big)
    return [Case(label, requests) for label, requests in sorted(by_label.items()) if requests]


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def send(client: Client, probe: m.Probe, secret: str):
    if probe.kind == "api":
        body = json.dumps(probe.data, allow_nan=True) if probe.data is not None else ""
        return client.generic(
            probe.method,
            probe.url,
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
    if probe.method == "POST":
        return client.post(probe.url, probe.data or {})
    return client.get(probe.url)


def test_every_route_with_absurd_values_answers_without_a_server_error():
    world = build_world()
    page_client = Client(raise_request_exception=False)
    page_client.force_login(world.users["admin"])
    api_client = Client(raise_request_exception=False)
    failures: dict[str, list[str]] = {}
    log = ErrorLog()
    logging.getLogger().addHandler(log)
    try:
        for case in cases(world, api_client.get("/api/openapi.json").json()):
            for probe in case.requests:
                log.records.clear()
                savepoint = transaction.savepoint()  # every request sees the same world
                try:
                    client = api_client if probe.kind == "api" else page_client
                    response = send(client, probe, world.secrets["admin"])
                finally:
                    transaction.savepoint_rollback(savepoint)
                if response.status_code >= 500 or any(r.exc_info for r in log.records):
                    error = response.exc_info[1] if getattr(response, "exc_info", None) else ""
                    shown = {k: str(v)[:40] for k, v in (probe.data or {}).items()}
                    failures.setdefault(case.label, []).append(
                        f"{probe.method} {probe.url[:160]} {shown} → {response.status_code} {error!r:.200}"
                    )
    finally:
        logging.getLogger().removeHandler(log)
    report = "\n".join(f"{label}:\n  " + "\n  ".join(found[:5]) for label, found in sorted(failures.items()))
    unexpected = sorted(label for label in failures if label not in KNOWN)
    fixed = sorted(label for label in KNOWN if label not in failures)
    assert not unexpected, f"server errors or tracebacks on absurd input:\n{report}"
    assert not fixed, f"fixed now, remove from KNOWN: {fixed}"

"""The lifecycle 线索→洽谈→签约→注册→开工→投产 (or 终止) as plain data."""

from __future__ import annotations

import pytest

from zhaoshang.projects import stages


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("lead", "negotiating"),
        ("negotiating", "signed"),
        ("signed", "registered"),
        ("registered", "started"),
        ("started", "in_production"),
        ("lead", "terminated"),
        ("in_production", "terminated"),
        ("", "signed"),
    ],
)
def test_it_allows_one_step_forward_or_termination(a, b):
    assert stages.is_allowed(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("signed", "lead"),
        ("lead", "signed"),
        ("terminated", "lead"),
        ("terminated", "signed"),
        ("in_production", "started"),
        ("", "terminated"),
    ],
)
def test_it_refuses_going_back_skipping_or_reviving(a, b):
    assert not stages.is_allowed(a, b)


def test_the_last_stage_has_no_next():
    assert stages.next_stage("in_production") is None
    assert stages.next_stage("terminated") is None
    assert stages.next_stage("signed") == "registered"

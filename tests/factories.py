"""Factories (factory_boy) for unit tests that need a region, a user, an enterprise or a project or two,
not the whole demo. A test module marked `factories` (see tests/conftest.py) builds everything it reads.

Regions are built under a province code no real division uses (99…), so they never collide with the
reference data when the demo is loaded too (a session that also runs demo tests).
"""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory
from stdnum.cn import uscc

from zhaoshang.accounts.models import Role, User
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryCode, IndustryLevel
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Level, Region

PROVINCE = "990000"


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = PROVINCE
    name = "测试省"
    short_name = "测试"
    level = Level.PROVINCE


class CityFactory(DjangoModelFactory):
    """The n-th test city (99cc00); its districts are 99cc01 … 99cc99."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99{n % 99 + 1:02d}00")
    name = factory.LazyAttribute(lambda o: f"测试市{o.code[2:4]}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    level = Level.CITY
    parent = factory.SubFactory(ProvinceFactory)


def _county_code(n: int) -> str:
    return f"99{n // 99 % 99 + 1:02d}{n % 99 + 1:02d}"


class RegionFactory(DjangoModelFactory):
    """A district (区县) of a test city, with a centroid."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(_county_code)
    name = factory.LazyAttribute(lambda o: f"测试{o.code[2:]}区")
    short_name = factory.LazyAttribute(lambda o: f"测试{o.code[2:]}")
    level = Level.COUNTY
    parent = factory.LazyAttribute(lambda o: CityFactory(code=f"{o.code[:4]}00"))
    lat = 29.5
    lon = 106.5


class IndustryCodeFactory(DjangoModelFactory):
    """A GB/T 4754 class; give the real code and section (C for manufacturing) to match the reference data."""

    class Meta:
        model = IndustryCode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n % 10000:04d}")
    name = factory.LazyAttribute(lambda o: f"测试行业{o.code}")
    level = IndustryLevel.CLASS
    section = "C"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"tester{n}")
    role = Role.OFFICER
    region = factory.SubFactory(RegionFactory)
    password = factory.django.Password("test-password")


def _uscc(n: int) -> str:
    body = f"91{PROVINCE[:2]}0100MA{n % 10_000_000:07d}"  # 17 characters: the sequence's last digit counts
    return body + uscc.calc_check_digit(body)


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.Sequence(_uscc)
    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    region = factory.SubFactory(RegionFactory)


class ProjectFactory(DjangoModelFactory):
    """A project at 线索 (lead); pass `stage` and its dates (and an amount from 签约 on) for a later one."""

    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"测试项目{n}")
    region = factory.SubFactory(RegionFactory)
    stage = Stage.LEAD
    lead_on = date(2022, 1, 3)

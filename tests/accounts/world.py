"""Two districts (沙坪坝区 500106 and 九龙坡区 500107) with users of every role and sentinel objects.

Every sentinel carries a marker naming its district, so a test can search any response for data that
belongs to a district the user may not see.

A 责任单位 user (`spb_fgw`, of 沙坪坝区's 区发改委) reaches no district: every district's marker is foreign to
them, except inside the texts listed in `World.allowed[username]` (their own unit's name; an app that
assigns items to units adds the titles of the items assigned to the unit). Each district has two units, so
a unit user seeing a sibling unit is caught too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zhaoshang.accounts.models import ApiToken, Role, User
from zhaoshang.accounts.scoping import reach_of
from zhaoshang.accounts.tokens import issue_token
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryCode, IndustryDirection
from zhaoshang.leads.models import Lead
from zhaoshang.projects.models import Project, Stage, StageEvent
from zhaoshang.regions.models import Park, Region
from zhaoshang.targets.models import Target, TargetLevel
from zhaoshang.units.models import ResponsibleUnit, UnitKind, UnitMember

A, B = "500106", "500107"  # 沙坪坝区, 九龙坡区
DISTRICTS = (A, B)
TARGET_SENTINEL = 987_654_321


def marker(code: str) -> str:
    return f"哨兵{code}"


@dataclass
class District:
    region: Region
    admin: User
    officer: User
    leader: User
    project: Project  # owned by the officer
    colleague_project: Project  # owned by the district admin
    enterprise: Enterprise
    target: Target
    lead: Lead
    token: ApiToken  # the officer's
    unit: ResponsibleUnit  # 区发改委, with the unit user (沙坪坝区 only)
    sibling_unit: ResponsibleUnit  # 区经信委, without

    @property
    def code(self) -> str:
        return self.region.code


@dataclass
class World:
    districts: dict[str, District]
    users: dict[str, User]
    secrets: dict[str, str] = field(default_factory=dict)  # username -> API token secret
    # username -> texts that user may see although they carry a foreign marker (a unit user's own items)
    allowed: dict[str, set[str]] = field(default_factory=dict)

    def __getitem__(self, code: str) -> District:
        return self.districts[code]

    def reaches(self, username: str, code: str) -> bool:
        return reach_of(self.users[username]).covers(code)


def _user(username: str, role: str, region: Region | None, **extra: object) -> User:
    user, _created = User.objects.get_or_create(username=username)
    user.role, user.region = role, region
    for key, value in extra.items():
        setattr(user, key, value)
    user.set_unusable_password()
    user.save()
    return user


def _project(region: Region, owner: User, name: str, direction: IndustryDirection, park: Park) -> Project:
    today = date.today()
    project = Project.objects.create(
        name=name,
        region=region,
        owner=owner,
        stage=Stage.SIGNED,
        lead_on=today,
        signed_on=today,
        contract_investment=123_456_789,
        is_key=True,
        direction=direction,
        park=park,
        industry=IndustryCode.objects.get(code="3670"),
    )
    StageEvent.objects.create(project=project, from_stage="", to_stage=Stage.SIGNED, occurred_on=today)
    return project


def _district(code: str, people: dict[str, User]) -> District:
    region = Region.objects.get(code=code)
    m = marker(code)
    prefix = "spb" if code == A else "jlp"
    admin = people.get(f"{prefix}_admin") or _user(f"{prefix}_admin", Role.DISTRICT_ADMIN, region)
    officer = people.get(f"{prefix}_officer") or _user(f"{prefix}_officer", Role.OFFICER, region)
    leader = people.get(f"{prefix}_leader") or _user(f"{prefix}_leader", Role.LEADER, region)
    for user in (admin, officer, leader):
        user.first_name, user.last_name = f"{m}用户", user.role
        user.save(update_fields=["first_name", "last_name"])
    direction = IndustryDirection.objects.create(region=region, name=f"{m}方向", order=99)
    park = Park.objects.create(region=region, name=f"{m}载体")
    enterprise = Enterprise.objects.create(name=f"{m}企业", region=region)
    project = _project(region, officer, f"{m}项目", direction, park)
    project.investors.set([enterprise])
    colleague_project = _project(region, admin, f"{m}同事项目", direction, park)
    target = Target.objects.create(
        region=region,
        year=2022,
        metric="started_projects",
        level=TargetLevel.DISTRICT,
        value=Decimal(TARGET_SENTINEL),
    )
    lead = Lead.objects.create(enterprise=enterprise, region=region, owner=officer, next_action=f"{m}线索")
    token, _secret = issue_token(user=officer, name=f"{m}令牌")
    unit = ResponsibleUnit.objects.create(region=region, name=f"{m}区发改委", kind=UnitKind.DEVELOPMENT)
    sibling = ResponsibleUnit.objects.create(region=region, name=f"{m}区经信委", kind=UnitKind.ECONOMY)
    return District(
        region,
        admin,
        officer,
        leader,
        project,
        colleague_project,
        enterprise,
        target,
        lead,
        token,
        unit,
        sibling,
    )


def _unit_user(demo: dict[str, User], unit: ResponsibleUnit) -> User:
    """The unit user `spb_fgw` (the demo's, if loaded), a member of `unit` and of no other."""
    user = demo.get("spb_fgw") or _user("spb_fgw", Role.UNIT, unit.region)
    user.role, user.region, user.first_name, user.last_name = Role.UNIT, unit.region, "发改委经办人", ""
    user.save()
    UnitMember.objects.filter(user=user).delete()
    UnitMember.objects.create(unit=unit, user=user, is_head=True)
    return user


def build_world() -> World:
    """The demo's users plus the second district's, a city admin who is not a superuser, a city admin of
    another city (成都市) and a user without a region."""
    demo = {u.username: u for u in User.objects.filter(username__startswith="spb_")}
    districts = {code: _district(code, demo) for code in DISTRICTS}
    users = {
        "admin": User.objects.get(username="admin"),  # superuser, 市级管理员 of 500000
        "cq_city": _user("cq_city", Role.CITY_ADMIN, Region.objects.get(code="500000")),
        "cd_city": _user("cd_city", Role.CITY_ADMIN, Region.objects.get(code="510100")),
        "no_region": _user("no_region", Role.OFFICER, None),
    }
    for district in districts.values():
        for user in (district.admin, district.officer, district.leader):
            users[user.username] = user
    fgw = _unit_user(demo, districts[A].unit)
    users[fgw.username] = fgw
    world = World(districts=districts, users=users, allowed={fgw.username: {districts[A].unit.name}})
    for username, user in users.items():
        _token, world.secrets[username] = issue_token(user=user, name="matrix")
    return world

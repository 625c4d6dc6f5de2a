"""The confidential project both the page tests and the API tests look at, and who may see what of it."""

from __future__ import annotations

from datetime import date

from tests.accounts.world import A, World
from zhaoshang.accounts.models import Role, User
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project, Stage

INVESTOR = "深蓝机密动力科技有限公司"
NAME = "深蓝机密动力电池基地项目"
CODE = "Z 项目（代号）"
NOTES = "与深蓝机密动力董事长第三轮洽谈"
DISCLOSED = ["spb_officer", "spb_admin"]
MASKED = ["spb_officer2", "spb_leader", "cq_city"]


def add_second_officer(world: World) -> User:
    """An officer of the district who does not own the project: sees the code name only."""
    officer2 = User.objects.create(username="spb_officer2", role=Role.OFFICER, region=world[A].region)
    world.users["spb_officer2"] = officer2
    return officer2


def secret_project(world: World, **fields) -> Project:
    """Confidential, of 沙坪坝区, owned by its officer, negotiating since today unless `fields` say more."""
    today = date.today()
    values = {"stage": Stage.NEGOTIATING, "lead_on": today, "negotiating_on": today} | fields
    project = Project.objects.create(
        name=NAME,
        region=world[A].region,
        owner=world[A].officer,
        notes=NOTES,
        is_confidential=True,
        code_name=CODE,
        **values,
    )
    project.investors.set([Enterprise.objects.create(name=INVESTOR, region=world[A].region)])
    return project

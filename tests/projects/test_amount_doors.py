"""An amount means the same at every door (issue 14, defects 2 and 17): a bare number is 万元 in the web form
and in the Excel import, another currency in a yuan field is refused at both instead of being stored as
yuan, and the database itself refuses an amount beyond the ledger's limit (the CHECK behind the rules)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.records.imports_support import workbook
from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects.models import Project
from zhaoshang.records.imports import importer_for, run_import
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db

SIGNED_ON = (timezone.localdate() - timedelta(days=10)).isoformat()


def web_form(client, name: str, amount: str):
    return client.post(
        reverse("projects:create"),
        {
            "name": name,
            "region": Region.objects.get(code="500106").pk,
            "project_type": "new",
            "origin": "domestic",
            "industry_code": "3670",
            "stage": "signed",
            "lead_on": SIGNED_ON,
            "signed_on": SIGNED_ON,
            "contract_investment": amount,
        },
    )


def excel_import(user, name: str, amount):
    return run_import(
        importer_for("projects", user=user),
        workbook(
            ["项目名称", "区县", "阶段", "线索日期", "签约日期", "合同投资额"],
            [[name, "沙坪坝区", "签约", SIGNED_ON, SIGNED_ON, amount]],
        ),
        dry_run=False,
    )


def test_a_bare_number_is_wan_yuan_at_the_form_and_at_the_import(admin_client, admin_user):
    assert web_form(admin_client, "纯数字表单项目", "800").status_code == 302
    report = excel_import(admin_user, "纯数字导入项目", 800)
    assert report.committed and report.created == 1
    amounts = dict(
        Project.objects.filter(name__in=["纯数字表单项目", "纯数字导入项目"]).values_list(
            "name", "contract_investment"
        )
    )
    assert amounts == {"纯数字表单项目": 8_000_000, "纯数字导入项目": 8_000_000}


@pytest.mark.parametrize("amount", ["5亿美元", "5亿港元"])
def test_another_currency_in_a_yuan_field_is_refused_at_the_form_and_at_the_import(
    admin_client, admin_user, amount
):
    response = web_form(admin_client, "外币表单项目", amount)
    assert response.status_code == 200 and "合同投资额" in response.content.decode()
    report = excel_import(admin_user, "外币导入项目", amount)
    assert not report.committed and [e.column for e in report.errors] == ["合同投资额"]
    assert not Project.all_objects.filter(name__in=["外币表单项目", "外币导入项目"]).exists()


@pytest.mark.parametrize("field", ["contract_investment", "fixed_asset_investment", "foreign_capital_usd"])
def test_the_database_refuses_an_amount_beyond_the_ledgers_limit(field):
    project = Project.objects.filter(contract_investment__isnull=False).first()
    Project.objects.filter(pk=project.pk).update(**{field: MAX_AMOUNT_YUAN})  # the limit itself is kept
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**{field: MAX_AMOUNT_YUAN + 1})

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import EnterpriseFactory
from zhaoshang.enterprises.models import Enterprise, validate_uscc

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.mark.parametrize("code", ["91500000MA5U7KXW37", "91110000802100433B"])
def test_it_accepts_a_uscc_with_a_valid_check_character(code):
    validate_uscc(code)


@pytest.mark.parametrize("code", ["91500000MA5U7KXW38", "9150000MA5U7KXW37", "abc"])
def test_it_rejects_a_uscc_with_a_bad_check_character_or_length(code):
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        validate_uscc(code)


def test_full_clean_rejects_a_bad_uscc():
    with pytest.raises(ValidationError):
        Enterprise(name="某公司", uscc="91500000MA5U7KXW38").full_clean()


def test_the_uscc_is_unique():
    Enterprise.objects.create(name="甲", uscc="91500000MA5U7KXW37")
    with pytest.raises(IntegrityError), transaction.atomic():
        Enterprise.objects.create(name="乙", uscc="91500000MA5U7KXW37")


def test_a_firm_is_found_by_its_former_name():
    firm = EnterpriseFactory(name="测力斯集团股份有限公司", short_name="测力斯", former_names=["测康集团"])
    assert list(Enterprise.objects.named("测康")) == [firm]
    assert list(Enterprise.objects.named("测力斯")) == [firm]

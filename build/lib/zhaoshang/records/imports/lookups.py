"""Reference lookups an import makes for every row, loaded once: regions and industry codes (enterprises:
enterprises/lookups.py)."""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import Reach
from zhaoshang.industries.models import IndustryCode
from zhaoshang.records.imports.engine import RowInvalid
from zhaoshang.regions.models import Level, Region


def region_cell(region: Region | None) -> str:
    """A region as exports write it: readable, and unambiguous when imported back (朝阳区（110105）)."""
    return f"{region.name}（{region.code}）" if region is not None else ""


class RegionIndex:
    """Regions by code, full name or short name; a name shared by several regions is resolved within the
    user's reach, else refused (朝阳区 is both 110105 and 220104)."""

    def __init__(self, reach: Reach) -> None:
        self.reach = reach
        self.by_code: dict[str, Region] = {}
        self.by_name: dict[str, list[Region]] = defaultdict(list)
        for region in Region.objects.only("id", "code", "name", "short_name", "level", "parent_id"):
            self.by_code[region.code] = region
            self.by_name[region.name].append(region)
            if region.short_name != region.name:
                self.by_name[region.short_name].append(region)

    def find(self, text: str, field: str, *, county: bool = False, within_reach: bool = True) -> Region:
        text = re.sub(r"\s+", "", text or "")
        if embedded := re.search(r"(?<!\d)[1-9]\d{5}(?!\d)", text):  # 沙坪坝区（500106）, as exports write
            text = embedded.group(0)
        if text.isdigit():
            found = [self.by_code[text]] if text in self.by_code else []
        else:
            found = self.by_name.get(text, [])
            if county and len(found) > 1:
                found = [r for r in found if r.level == Level.COUNTY] or found
            if len(found) > 1:
                found = [r for r in found if self.reach.covers(r.code)] or found
        if not found:
            raise RowInvalid((field, _("找不到该区划（可填写区划代码、全称或简称）。")))
        if len(found) > 1:
            codes = "、".join(f"{r.code}" for r in found[:4])
            raise RowInvalid((field, _("区划名称不唯一（%(codes)s），请填写区划代码。") % {"codes": codes}))
        region = found[0]
        if county and region.level != Level.COUNTY:
            raise RowInvalid((field, _("应填写区县一级的区划。")))
        if within_reach and not self.reach.covers(region.code):
            raise RowInvalid((field, _("该区县不在您的管辖范围内。")))
        return region


class IndustryIndex:
    """GB/T 4754-2017 codes: "3670", "C3670", "3670 汽车零部件及配件制造"."""

    def __init__(self) -> None:
        self.by_code = {
            c.code: c for c in IndustryCode.objects.only("id", "code", "name", "section", "level")
        }

    def find(self, text: str, field: str) -> IndustryCode:
        match = re.match(r"^[A-Ta-t]?(\d{2,4})\b", text.strip()) or re.match(r"^([A-Ta-t])$", text.strip())
        code = match.group(1).upper() if match else text.strip()
        if code not in self.by_code:
            raise RowInvalid((field, _("不是 GB/T 4754-2017 中的行业代码。")))
        return self.by_code[code]

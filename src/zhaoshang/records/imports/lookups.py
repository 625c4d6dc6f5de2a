"""Reference lookups an import makes for every row, loaded once: regions, industry codes, enterprises."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import Reach
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryCode
from zhaoshang.records.imports.engine import RowInvalid
from zhaoshang.records.imports.writing import chunks
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


@dataclass(frozen=True)
class EnterpriseRef:
    name: str
    uscc: str


class EnterpriseIndex:
    """Enterprises named in a file, matched by USCC, else by exact name; the rest are new (unsaved)."""

    def __init__(self, refs: set[EnterpriseRef]) -> None:
        usccs = sorted({r.uscc for r in refs if r.uscc})
        names = sorted({r.name for r in refs})
        self.by_uscc: dict[str, Enterprise] = {}
        self.by_name: dict[str, list[Enterprise]] = defaultdict(list)
        for part in chunks(usccs):
            self.by_uscc.update({e.uscc: e for e in Enterprise.objects.filter(uscc__in=part)})
        for part in chunks(names):
            for enterprise in Enterprise.objects.filter(name__in=part):
                self.by_name[enterprise.name].append(enterprise)
        self.new: dict[str, Enterprise] = {}  # "uscc:…" or "name:…" -> unsaved enterprise
        for ref in sorted(refs, key=lambda r: (not r.uscc, r.name)):  # coded ones first: a name reuses them
            if (ref.uscc and ref.uscc in self.by_uscc) or (not ref.uscc and self.by_name.get(ref.name)):
                continue
            if ref.uscc and any(e.uscc is None for e in self.by_name.get(ref.name, [])):
                continue
            key = f"uscc:{ref.uscc}" if ref.uscc else f"name:{ref.name}"
            same_name = self.new.get(f"name:{ref.name}") if not ref.uscc else None
            self.new.setdefault(key, same_name or Enterprise(name=ref.name, uscc=ref.uscc or None))
            self.new.setdefault(f"name:{ref.name}", self.new[key])

    def resolve(self, ref: EnterpriseRef, field: str) -> Enterprise:
        if ref.uscc:
            if ref.uscc in self.by_uscc:
                return self.by_uscc[ref.uscc]
            named = self.by_name.get(ref.name, [])
            uncoded = [e for e in named if e.uscc is None]
            if len(uncoded) == 1:
                return uncoded[0]
            if named and not uncoded:
                raise RowInvalid(
                    (
                        field,
                        _("库中“%(name)s”的统一社会信用代码为 %(uscc)s，与本行不一致。")
                        % {"name": ref.name, "uscc": named[0].uscc},
                    )
                )
            if len(uncoded) > 1:
                raise RowInvalid(
                    (field, _("库中有多家名为“%(name)s”的企业，无法确定是哪一家。") % {"name": ref.name})
                )
            return self.new[f"uscc:{ref.uscc}"]
        named = self.by_name.get(ref.name, [])
        if len(named) > 1:
            raise RowInvalid(
                (field, _("库中有多家名为“%(name)s”的企业，请填写统一社会信用代码。") % {"name": ref.name})
            )
        return named[0] if named else self.new[f"name:{ref.name}"]

    def created(self, used: list[Enterprise]) -> list[Enterprise]:
        """The new enterprises among `used`, each once."""
        seen: dict[int, Enterprise] = {}
        for enterprise in used:
            if enterprise.pk is None:
                seen.setdefault(id(enterprise), enterprise)
        return list(seen.values())

"""Which region names can be the subject of a figure, and what 我区/全市/全省 name.

"重庆市…集中签约活动在九龙坡区举行，本次签约项目70个": 九龙坡区 is where the ceremony took place, not
whose projects they are. A name is a venue when 在 stands just before it or 举行/召开/举办 follows it in
its clause. When the document's source region is known, a place outside it (neither the source nor a
division inside it) is a partner or an origin ("与北京市昌平区签署", "北京市实际投入我省资金446.5亿元",
"在厦门召开"), never the subject.

我区/全区/本区/该区 and the like name the source region; 全市/我市 in a district's document name its city
(a county-level city names itself); 全省/我省 name the province.
"""

from __future__ import annotations

import re

from zhaoshang.lib.extraction.regions import RegionTable, ResolvedRegion

_SELF = re.compile(
    r"(?:我|全|本|该)(?P<unit>区|市|县|州|省|旗|盟)(?![\u4e00-\u9fff]?(?:委|政府|长|领导|级|直))"
)
_VENUE_BEFORE = re.compile(r"在$")
_VENUE_AFTER = re.compile(r"^[^,;。:、]{0,12}?(?:举行|召开|举办|开幕|启幕|闭幕)")


def _city_of(code: str, table: RegionTable) -> str:
    division = table.divisions[code]
    if division.level != "county" or division.name.endswith("市") or division.parent is None:
        return code
    return division.parent


def self_references(text: str, source: str, table: RegionTable) -> list[ResolvedRegion]:
    """我区/全市/全省…, each resolved against the source region."""
    division = table.divisions[source]
    found = []
    for match in _SELF.finditer(text):
        unit = match.group("unit")
        if unit == "省":
            code = division.province
        elif unit == "市":
            code = _city_of(source, table)
        else:
            code = source
        found.append(ResolvedRegion(match.start(), match.end(), match.group(), code, "full"))
    return found


def _inside(code: str, source: str, table: RegionTable) -> bool:
    return (
        code == source
        or table.is_ancestor(source, code)
        or table.divisions[source].province == code == source
    )


def subject_flags(
    text: str, regions: list[ResolvedRegion], source: str | None, table: RegionTable | None
) -> list[bool]:
    """For each region mention, whether a figure may take it as its region."""
    flags = []
    for region in regions:
        before = text[max(0, region.start - 1) : region.start]
        after = text[region.end : region.end + 14]
        venue = bool(_VENUE_BEFORE.search(before) or _VENUE_AFTER.match(after))
        outside = False
        if source is not None and table is not None and region.code in table.divisions:
            # The source's own ancestors (铜仁高新区 in a 碧江区 document) and places elsewhere
            # are context, not the subject; 我市/全省 were resolved to the right level already.
            own = region.surface[:1] in "我全本该" and len(region.surface) == 2
            outside = not own and not _inside(region.code, source, table)
        flags.append(not venue and not outside)
    return flags

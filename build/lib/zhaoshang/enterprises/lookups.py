"""Enterprises named in an import file, loaded once for the whole file (projects and leads imports)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zhaoshang.enterprises.models import Enterprise
from zhaoshang.records.imports.engine import RowInvalid
from zhaoshang.records.imports.writing import chunks


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

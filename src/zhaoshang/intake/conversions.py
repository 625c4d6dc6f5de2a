"""From a document to the bureau's work in one click: an enterprise it names becomes a lead, an accepted
investment fact about an enterprise becomes a draft ledger entry (a project at the 线索 stage, to be
verified before it is signed). Only names the extractor found and facts a reviewer accepted qualify.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.accounts.permissions import can_write_in
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.enterprises.services import find_or_create_enterprise
from zhaoshang.intake.models import Document, Fact, FactStatus
from zhaoshang.leads.models import Lead, LeadSource
from zhaoshang.leads.services import create_lead
from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.rules import limit_text
from zhaoshang.projects.services import create_project
from zhaoshang.regions.models import Level, Region


class ConversionError(ValueError):
    """A conversion the document does not support (message in Chinese)."""


class ConversionRefused(ConversionError):
    """A conversion into a region the user may not write to."""


def named_enterprises(document: Document) -> list[dict]:
    return list((document.entities or {}).get("enterprises", []))


def enterprises_near(document: Document, fact: Fact) -> list[str]:
    """The enterprises named in the sentence that states the fact."""
    start = (
        document.text.rfind(fact.sentence, 0, fact.span_start + len(fact.sentence)) if fact.sentence else -1
    )
    if start < 0:
        return []
    end = start + len(fact.sentence)
    return [
        e["name"]
        for e in named_enterprises(document)
        if any(start <= m["span"][0] and m["span"][1] <= end for m in e.get("mentions", []))
    ]


def _enterprise(name: str) -> Enterprise:
    return find_or_create_enterprise(name)


def _district(code: str | None, user) -> Region:
    """The district a conversion writes into, if the user may write there (a fact's region may have been
    read from the text or corrected: it is checked here, at the door, whoever set it)."""
    region = Region.objects.filter(code=code).first() if code else None
    if region is None or region.level != Level.COUNTY:
        raise ConversionError(_("未确定所属区县，无法转入线索或台账。"))
    if not can_write_in(user, region):
        raise ConversionRefused(
            _("%(region)s不在您的管辖范围内，不能转入该区县的线索或台账。") % {"region": region.name}
        )
    return region


def _source_note(document: Document) -> str:
    return _("来源文档：%(title)s（%(url)s）") % {"title": document, "url": document.get_absolute_url()}


@transaction.atomic
def lead_from_document(*, document: Document, name: str, user=None) -> Lead:
    """A lead for an enterprise the document names, in the district the document belongs to (公开报道)."""
    if name not in {e["name"] for e in named_enterprises(document)}:
        raise ConversionError(_("文档中没有识别出企业“%(name)s”。") % {"name": name})
    owner = document.owning_region
    region = _district(owner.code if owner is not None else None, user)
    return create_lead(
        enterprise=_enterprise(name),
        region=region,
        user=user,
        source=LeadSource.PRESS,
        notes=_source_note(document),
    )


@transaction.atomic
def draft_project(*, fact: Fact, name: str, user=None) -> Project:
    """A draft ledger entry (线索 stage) for the enterprise a reviewed investment fact is about."""
    if fact.status != FactStatus.ACCEPTED:
        raise ConversionError(_("只有已采纳的事实可以转入台账。"))
    if fact.type != "investment_amount" or fact.currency not in ("", "CNY"):
        raise ConversionError(_("只有人民币投资额可以转入台账草稿。"))
    document = fact.document
    if name not in enterprises_near(document, fact):
        raise ConversionError(_("该事实所在句子中没有企业“%(name)s”。") % {"name": name})
    region = _district(fact.region_code, user)
    amount = int(fact.value)
    if not 0 < amount <= MAX_AMOUNT_YUAN:
        raise ConversionError(
            _("投资额“%(text)s”超出台账可记录的范围（须大于0且不超过%(limit)s）。")
            % {"text": fact.text, "limit": limit_text()}
        )
    enterprise = _enterprise(name)
    on = document.published_on or timezone.localdate()
    project = Project(
        name=_("%(firm)s投资项目（待核实）") % {"firm": enterprise.short_name or enterprise.name},
        region=region,
        stage=Stage.LEAD,
        lead_on=on,
        contract_investment=amount,
        owner=user,
        notes=_("%(note)s；原文：%(sentence)s") % {"note": _source_note(document), "sentence": fact.sentence},
    )
    return create_project(project=project, investors=[enterprise], user=user)

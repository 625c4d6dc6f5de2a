from __future__ import annotations

from django.apps import AppConfig
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def member_back(member) -> str:
    """Where a chain member is shown: its chain's map of its district."""
    return f"{reverse('chains:map', args=[member.segment.chain.key])}?region={member.region.code}"


class ChainsConfig(AppConfig):
    name = "zhaoshang.chains"
    verbose_name = _("产业链")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import extend, register
        from zhaoshang.chains.models import ChainMember
        from zhaoshang.records import history, trash

        register("chains.ChainMember", "region")

        def members(reach):
            return Q(pk__in=ChainMember.objects.filter(reach.q("region")).values("enterprise_id"))

        extend("enterprises.Enterprise", members)  # the members of its chains

        related = ("enterprise", "segment__chain", "region")
        history.register(history.Audited("chain-member", "chains.ChainMember", related, back=member_back))
        trash.register(trash.Kind("member", _("产业链企业"), "chains.ChainMember", related, member_back))

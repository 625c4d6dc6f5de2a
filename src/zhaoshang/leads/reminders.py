"""The leads' reminder source: open leads whose next follow-up (下一步日期) is near or past, to their owner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.utils.translation import gettext as _

from zhaoshang.leads.models import Lead
from zhaoshang.notify.sources import HORIZON_DAYS, Reminder

KIND = "lead_follow_up"


def due_follow_ups(today: date) -> Iterator[Reminder]:
    """One reminder per lead and planned date: a new date (the follow-up moved) is a new reminder."""
    leads = (
        Lead.objects.open()
        .filter(next_action_on__lte=today + timedelta(days=HORIZON_DAYS), owner__isnull=False)
        .select_related("enterprise", "region", "owner")
        .order_by("next_action_on", "pk")
    )
    for lead in leads:
        due = lead.next_action_on
        assert due is not None
        late = (today - due).days
        when = (
            _("已逾期 %(n)d 天") % {"n": late}
            if late > 0
            else _("今天到期")
            if late == 0
            else _("%(n)d 天后到期") % {"n": -late}
        )
        yield Reminder(
            recipients=[lead.owner],
            subject=_("线索跟进：%(firm)s（%(when)s）") % {"firm": lead.enterprise, "when": when},
            body=_("下一步：%(action)s\n计划日期：%(date)s\n区县：%(region)s")
            % {"action": lead.next_action or "—", "date": due.isoformat(), "region": lead.region.name},
            url=lead.get_absolute_url(),
            dedup_key=f"lead-follow-up:{lead.pk}:{due.isoformat()}",
            due=due,
            region=lead.region,
        )

"""Soft deletion: a deleted row keeps its data, disappears from every default queryset, and can be restored.

A soft-deletable model declares `objects = alive_manager(TheQuerySet)` first (Django's default manager,
also used by related managers, forms and the admin) and `all_objects = TheQuerySet.as_manager()` for
the recycle bin. Deleting and restoring are saves, so they pass through the model's own rules (the
period lock of projects) and leave a history record with the reason.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=False)


class AliveManager(models.Manager):
    """Leaves deleted rows out of whatever queryset class it is built over (see `alive_manager`)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


def alive_manager(queryset_class: type[models.QuerySet] = SoftDeleteQuerySet) -> models.Manager:
    """A manager over `queryset_class` (its methods too) that leaves deleted rows out."""
    return AliveManager.from_queryset(queryset_class)()


class SoftDeletable(models.Model):
    deleted_at = models.DateTimeField(_lazy("删除时间"), null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_lazy("删除人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deletion_reason = models.CharField(_lazy("删除理由"), max_length=200, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def soft_delete(self, user: Any, reason: str) -> None:
        """Mark deleted (with who and why); recorded in the history like any other change."""
        reason = reason.strip()
        if not reason:
            raise ValueError(_("删除时必须填写理由。"))
        if self.is_deleted:
            return
        self.deleted_at, self.deleted_by, self.deletion_reason = timezone.now(), user, reason
        self._history_user, self._change_reason = user, _("删除：%(reason)s") % {"reason": reason}
        self.save()

    def restore(self, user: Any) -> None:
        if not self.is_deleted:
            return
        self.deleted_at, self.deleted_by, self.deletion_reason = None, None, ""
        self._history_user, self._change_reason = user, _("从回收站恢复")
        self.save()

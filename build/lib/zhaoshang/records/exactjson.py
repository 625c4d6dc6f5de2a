"""JSON Lines serialisation that keeps times to the microsecond, for backups and their checksums.

Django's JSON encoder cuts datetimes and times to milliseconds, so a dump and load would silently change
every `created_at`; this format (registered as "exactjsonl") keeps them whole and reads back with Django's
own deserializer.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "exactjsonl"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = jsonl.Deserializer


def register() -> None:
    """Make the format known to dumpdata and loaddata (idempotent)."""
    from django.core import serializers

    serializers.register_serializer(FORMAT, __name__)

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Store Chinese as characters, not \\u escapes, so that JSON text stays searchable (小康 ⊂ 小康集团)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)

"""The upload form of the import page and the column-mapping choices built from a file's header row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhaoshang.records.imports.columns import IGNORE, Column, index, normalise
from zhaoshang.records.imports.reading import SUFFIXES

MAX_UPLOAD = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx、.xls、.ods 或 .csv/.txt）"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    dry_run = forms.BooleanField(label=_("仅试导入（不写入）"), required=False, initial=True)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("请上传 Excel 工作簿（.xlsx、.xls）、.ods 或 .csv/.txt 表格。"))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("文件超过 10 MB，请分批导入。"))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not data.get("token") and not self.errors:
            raise forms.ValidationError(_("请选择要上传的文件。"))
        return data


def mapping_from(post: Any, headers: Sequence[str]) -> dict[str, str]:
    """The explicit choices of the mapping form: map-<position> = a column header or "-" (ignore)."""
    mapping = {}
    for position, header in enumerate(headers):
        choice = post.get(f"map-{position}", "")
        if header and choice:
            mapping[header] = choice
    return mapping


def mapping_rows(headers: Sequence[str], columns: Sequence[Column], mapping: dict[str, str]) -> list[dict]:
    """One row per file column: its header, what it maps to now, and the choices."""
    names = index(columns, fallbacks=True)
    rows = []
    for position, header in enumerate(headers):
        if not header:
            continue
        explicit = mapping.get(header, "")
        automatic = names.get(normalise(header))
        rows.append(
            {
                "position": position,
                "header": header,
                "selected": explicit,
                "automatic": automatic.header if automatic else "",
            }
        )
    return rows


def column_choices(columns: Sequence[Column]) -> list[tuple[str, str]]:
    return [
        (IGNORE, str(_("忽略此列"))),
        *((c.header, c.header + (" *" if c.required else "")) for c in columns),
    ]

"""One operation that takes its fields as a form (multipart, with files; or urlencoded) or as a JSON object.

`FormOrJson()` marks a schema parameter the way `Form()` does; the fields are read from the form when the
request is one, from the JSON object otherwise. The OpenAPI schema declares the form (ninja's own) and
`json_body(Schema)` adds the JSON alternative. A body Django refuses to parse answers in the API's error
body: too large → 413, malformed → 400, never a server error.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.params.models import Form, FormModel
from pydantic import BaseModel

from zhaoshang.api.errors import ApiError

if TYPE_CHECKING:
    from ninja import NinjaAPI

FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}
# Sent by a browser form; never a field of the schema.
_FORM_NOISE = {"csrfmiddlewaretoken"}


def too_large() -> ApiError:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return ApiError(
        413,
        _("请求体过大：表单字段或 JSON 正文不得超过 %(limit).0f MB，较大的文件请以 multipart 文件上传。")
        % {"limit": limit},
        code="payload_too_large",
    )


def read_form(request: HttpRequest) -> tuple[dict[str, Any], Any]:
    """The form fields (empty ones left out, as a browser sends unfilled inputs) and the uploaded files."""
    try:
        post, files = request.POST, request.FILES
    except RequestDataTooBig:
        raise too_large() from None
    except (MultiPartParserError, SuspiciousOperation) as exc:
        raise ApiError(400, _("无法解析表单数据（%(error)s）。") % {"error": type(exc).__name__}) from None
    return {k: post[k] for k in post if k not in _FORM_NOISE and post[k] != ""}, files


def read_json(request: HttpRequest, fields: set[str]) -> dict[str, Any]:
    try:
        raw = request.body
    except RequestDataTooBig:
        raise too_large() from None
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, _("请求体不是有效的 JSON。")) from None
    if not isinstance(data, dict):
        raise ValidationError(
            [{"loc": ("body",), "msg": "Input should be a valid dictionary or object", "type": "dict_type"}]
        )
    extra = sorted(set(data) - fields)
    if extra:  # the flattening below would drop them silently
        raise ValidationError(
            [
                {"loc": ("body", key), "msg": "Extra inputs are not permitted", "type": "extra_forbidden"}
                for key in extra
            ]
        )
    return data


class FormOrJsonModel(FormModel):
    @classmethod
    def get_request_data(
        cls, request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]
    ) -> dict[str, Any]:
        if request.content_type in FORM_TYPES:
            return read_form(request)[0]
        return read_json(request, set(getattr(cls, "__ninja_flatten_map__", {})))


class FormOrJson(Form):
    """Like ninja's `Form()`, and a JSON object is accepted too (see `json_body`)."""

    _model = FormOrJsonModel

    @classmethod
    def _param_source(cls) -> str:
        return "form"


def json_body(schema: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` declaring the JSON alternative of a FormOrJson operation."""
    return {"requestBody": {"content": {"application/json": {"schema": schema.model_json_schema()}}}}

"""One error body for every refusal: {"error": {"code", "message" (Chinese), "details"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, ObjectDoesNotExist, PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from zhaoshang.core.unavailable import log_unavailable, unavailability
from zhaoshang.records.locks import PeriodLocked


class ErrorDetail(Schema):
    code: str = Field(..., description="错误代码，如 not_found、validation_error、period_locked、conflict")
    message: str = Field(..., description="给用户看的中文说明")
    details: Any = Field(None, description="明细：按字段的错误信息、校验错误列表或相关记录（视错误而定）")


class ErrorOut(Schema):
    error: ErrorDetail = Field(..., description="错误")


ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "validation_error",
    503: "unavailable",
}
ERROR_RESPONSES: dict[int, type[ErrorOut]] = {status: ErrorOut for status in (400, 401, 403, 404, 422)}
WRITE_ERROR_RESPONSES: dict[int, type[ErrorOut]] = {**ERROR_RESPONSES, 409: ErrorOut}


class ApiError(Exception):
    """Raised by a route to answer with the error body."""

    def __init__(self, status: int, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.message, self.details = status, message, details
        self.code = code or ERROR_CODES.get(status, "error")


def period_locked(exc: PeriodLocked) -> ApiError:
    """A change to a reported (locked) period (records.locks.PeriodLocked): only as an amendment, with
    `amendment_reason`; the body names the periods."""
    periods = [{"region": p.region_code, "period": p.period_code} for p in exc.periods]
    return ApiError(409, str(exc), code="period_locked", details={"periods": periods})


def body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "loc": [str(part) for part in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": e.get("type", ""),
        }
        for e in errors
    ]


def install(api: NinjaAPI) -> None:
    def respond(
        request: HttpRequest, status: int, message: str, details: Any = None, code: str | None = None
    ) -> HttpResponse:
        return api.create_response(
            request, body(code or ERROR_CODES.get(status, "error"), message, details), status=status
        )

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.message, exc.details, exc.code)

    @api.exception_handler(PeriodLocked)
    def locked(request: HttpRequest, exc: PeriodLocked) -> HttpResponse:
        refused = period_locked(exc)  # the one mapping of the domain exception to an error body
        return respond(request, refused.status, refused.message, refused.details, refused.code)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, _("请求参数不符合要求。"), _validation_details(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = (
            exc.message if exc.message != "Unauthorized" else _("请先登录，或在请求头中提供有效的 API 令牌。")
        )
        response = respond(request, 401, message)
        response["WWW-Authenticate"] = 'Bearer realm="zhaoshang"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, str(exc))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, str(exc) or _("您无权执行此操作。"))

    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return respond(request, 400, str(exc))  # a BadQuery of accounts/pages.py: its Chinese message

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _("资源不存在或不在您的权限范围内。"))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return respond(request, 404, _("资源不存在或不在您的权限范围内。"))

    @api.exception_handler(DatabaseError)
    @api.exception_handler(OSError)
    def unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        """A busy, read-only or full database or disk (core/unavailable.py): 503 with its reason; anything
        else goes on to the 500 handler."""
        why = unavailability(exc)
        if why is None:
            raise exc
        log_unavailable(request, exc, why)
        response = respond(request, 503, why.message, {"reason": why.code}, "unavailable")
        response["Retry-After"] = str(why.retry_after)
        return response

"""Personal API tokens: issued once, stored as a SHA-256 digest, expiring, revocable, with the time of last use."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.accounts.models import ApiToken

SECRET_PREFIX = "zs_"
# Recording every use would write on every API call; a minute's precision is enough for an audit.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenError(ValueError):
    """A token name the column cannot hold, or a lifetime out of bounds (message in Chinese)."""


def issue_token(*, user: Any, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for `user` valid for `days` (settings.API_TOKEN_DAYS by default, at most
    API_TOKEN_MAX_DAYS); returns it with its secret, which is not stored and cannot be shown again.

    The name's length is checked here: SQLite would store a longer one, PostgreSQL refuses it."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise TokenError(_("令牌有效期应为 1 至 %(n)d 天。") % {"n": settings.API_TOKEN_MAX_DAYS})
    limit = ApiToken._meta.get_field("name").max_length
    if len(name.strip()) > limit:
        raise TokenError(
            _("令牌用途不能超过 %(n)d 个字符（现为 %(len)d 个）。") % {"n": limit, "len": len(name.strip())}
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API",
        prefix=secret[:10],
        digest=digest(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, secret


def authenticate_token(secret: str) -> ApiToken | None:
    """The active token with this secret (its user active too), marking it used; None otherwise."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active().select_related("user", "user__region").filter(digest=digest(secret)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token

"""Personal API tokens: issued once, stored as a SHA-256 digest, revocable, with the time of last use."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.accounts.models import ApiToken

SECRET_PREFIX = "zs_"
# Recording every use would write on every API call; a minute's precision is enough for an audit.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenNameError(ValueError):
    """A token name the column cannot hold (message in Chinese)."""


def issue_token(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it with its secret, which is not stored and cannot be shown again.

    The name's length is checked here: SQLite would store a longer one, PostgreSQL refuses it."""
    limit = ApiToken._meta.get_field("name").max_length
    if len(name.strip()) > limit:
        raise TokenNameError(
            _("令牌用途不能超过 %(n)d 个字符（现为 %(len)d 个）。") % {"n": limit, "len": len(name.strip())}
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API", prefix=secret[:10], digest=digest(secret)
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

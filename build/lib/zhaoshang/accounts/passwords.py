"""Password complexity as bureaus' IT (等保) asks for it: a minimum length and several character classes."""

from __future__ import annotations

import string
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    (str.isupper, "大写字母"),
    (str.islower, "小写字母"),
    (str.isdigit, "数字"),
    (lambda c: c in string.punctuation or c == " ", "符号"),
)


def classes_in(password: str) -> int:
    """How many of the four classes (upper, lower, digits, symbols) the password uses."""
    return sum(any(test(c) for c in password) for test, _label in CLASSES)


class CharacterClassesValidator:
    """At least settings.PASSWORD_MIN_CLASSES of upper case, lower case, digits and symbols."""

    def __init__(self, min_classes: int | None = None) -> None:
        self.min_classes = min_classes or settings.PASSWORD_MIN_CLASSES

    def validate(self, password: str, user: Any = None) -> None:
        if classes_in(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes}


class LengthValidator(MinimumLengthValidator):
    """Django's minimum length (settings.PASSWORD_MIN_LENGTH), with its message in Chinese: Django 5.2 changed
    that message's msgid and its zh_Hans catalogue has no translation of the new one, so users read English."""

    def __init__(self, min_length: int | None = None) -> None:
        super().__init__(min_length or settings.PASSWORD_MIN_LENGTH)

    def get_error_message(self) -> str:
        return _("密码太短，至少需要 %(n)d 个字符。") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少 %(n)d 个字符。") % {"n": self.min_length}

"""Keep secrets and personal data out of the logs: passwords, tokens, ID-card and phone numbers.

`redact(text)` masks them in any string; `RedactFilter` applies it to every log record (message,
arguments and traceback) before a handler writes it. Pure standard library: settings.LOGGING names it.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

# key=value, key: value, "key": "value" — the value of any key that names a secret.
_SECRET_KEYS = (
    r"(?:password|passwd|pwd|secret|token|api[_-]?key|csrfmiddlewaretoken|sessionid|authorization|cookie)"
)
_KEY_VALUE = re.compile(
    rf"""(?P<key>["']?[\w-]*{_SECRET_KEYS}[\w-]*["']?\s*[:=]\s*)(?:(?P<quote>["'])(?:\\.|(?!(?P=quote)).)*(?P=quote)|[^"'\s,;&}}]+)""",
    re.IGNORECASE,
)
_BEARER = re.compile(r"\b(?P<scheme>Bearer|Token|Basic)\s+[A-Za-z0-9._~+/=-]{6,}", re.IGNORECASE)
# postgres://user:password@host — keep the user and host, drop the password.
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+(?=@)", re.IGNORECASE)
# 18-digit resident identity number (GB 11643): region, birth date, sequence, check digit; and the old 15-digit form.
_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")


def redact(text: str) -> str:
    """The text with every secret value, ID-card number and phone number replaced by a mask."""
    text = _BEARER.sub(lambda m: f"{m['scheme']} {MASK}", text)
    text = _KEY_VALUE.sub(lambda m: f"{m['key']}{m['quote'] or ''}{MASK}{m['quote'] or ''}", text)
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", text)
    text = _ID_NUMBER.sub("<身份证号>", text)
    text = _MOBILE.sub("<手机号>", text)
    return _LANDLINE.sub("<电话>", text)


class RedactFilter(logging.Filter):
    """A logging filter that masks secrets in the formatted message and the traceback; never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log what there is rather than lose the record
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True

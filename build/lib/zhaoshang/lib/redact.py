"""Keep secrets and personal data out of the logs: passwords, tokens, ID-card and phone numbers.

`redact(text)` masks them in any string; `RedactFilter` applies it to every log record (message,
arguments and traceback) before a handler writes it. Pure standard library: settings.LOGGING names it.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

# Every pattern is linear in the text (issue 14, defect 4): a pattern may start only where its first token
# starts (a look-behind says so), and every repetition that can fail has an upper bound, so no start
# position scans more than a few hundred characters. An unbounded `[\w-]*secret[\w-]*` tried at each position of a 20 KB word
# cost 20 s; these cost microseconds per kilobyte (bench/bench_redact.py).
# key=value, key: value, "key": "value" — the value of any key that names a secret.
_SECRET_KEY = re.compile(
    r"password|passwd|pwd|secret|token|api[_-]?key|csrfmiddlewaretoken|sessionid|authorization|cookie",
    re.IGNORECASE,
)
_KEY_VALUE = re.compile(
    r"""(?P<key>(?<![\w-])["']?(?P<name>[\w-]{1,64})["']?[ \t]{0,8}[:=][ \t]{0,8})"""
    # An unclosed quote masks up to the end of the line (at most 512 characters).
    r"""(?:(?P<quote>["'])(?:\\.|(?!(?P=quote))[^\\\n]){0,512}(?P<close>(?P=quote))?|[^"'\s,;&}]+)""",
)
_BEARER = re.compile(r"\b(?P<scheme>Bearer|Token|Basic)[ \t]{1,8}[A-Za-z0-9._~+/=-]{6,}", re.IGNORECASE)
# postgres://user:password@host — keep the user and host, drop the password.
_URL_PASSWORD = re.compile(
    r"(?P<head>(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}://[^/\s:@]{1,128}:)[^@\s/]{1,256}(?=@)", re.IGNORECASE
)
# 18-digit resident identity number (GB 11643): region, birth date, sequence, check digit; and the old 15-digit form.
_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
# A log line longer than this is cut before redaction: nobody reads a megabyte of a form value in a log,
# and a bounded input bounds the work (the record says how long it was).
MAX_LOGGED_CHARS = 20_000


def _mask_value(match: re.Match[str]) -> str:
    if not _SECRET_KEY.search(match["name"]):
        return match[0]
    return f"{match['key']}{match['quote'] or ''}{MASK}{match['close'] or ''}"


def redact(text: str) -> str:
    """The text with every secret value, ID-card number and phone number replaced by a mask."""
    text = _BEARER.sub(lambda m: f"{m['scheme']} {MASK}", text)
    text = _KEY_VALUE.sub(_mask_value, text)
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", text)
    text = _ID_NUMBER.sub("<身份证号>", text)
    text = _MOBILE.sub("<手机号>", text)
    return _LANDLINE.sub("<电话>", text)


def bounded(text: str, limit: int = MAX_LOGGED_CHARS) -> str:
    """The text cut to `limit` characters, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…[cut: {len(text)} characters in all]"


class RedactFilter(logging.Filter):
    """A logging filter that masks secrets in the formatted message and the traceback; never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log what there is rather than lose the record
            message = str(record.msg)
        record.msg, record.args = redact(bounded(message)), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(bounded(record.exc_text))
        if record.stack_info:
            record.stack_info = redact(bounded(record.stack_info))
        return True

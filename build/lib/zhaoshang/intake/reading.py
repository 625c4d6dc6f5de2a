"""Reading what a user brings: pasted text, .txt/.md, .html/.htm (reduced to the article with trafilatura)
or .docx, into article text plus whatever metadata the file carries (title, date, source, author).

Every refusal is an `IntakeError` with a Chinese message saying what is wrong and what to do; nothing is
read past a refusal, so nothing can be stored half-way.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from zhaoshang.lib.containers import DOCX, ContainerTooLarge, check_zip

MAX_BYTES = 10 * 1024 * 1024
FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".docx": "docx"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# GB2312 and GBK pages are read as GB18030, their superset (a GB2312 page often holds GBK characters).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030"}
_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# trafilatura drops a Chinese byline of two or three characters from <meta name="author">; read it here.
_AUTHOR = re.compile(r"""<meta\s+name=["']author["']\s+content=["']([^"']{1,100})["']""", re.IGNORECASE)


class IntakeError(ValueError):
    """A document that cannot be taken in; the message (Chinese) is shown to the user as it is."""


@dataclass(frozen=True)
class RawDocument:
    """An article's text as read, before cleaning, with the metadata its file carried."""

    text: str
    format: str  # intake.models.DocumentFormat
    name: str = ""
    size: int = 0
    title: str | None = None
    published_on: date | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise IntakeError(
            _("文件过大：%(size).1f MB，上限为 %(limit)d MB。请只上传新闻稿或报告正文，未保存。")
            % {"size": size / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
        )


def find_date(text: str) -> date | None:
    """The first calendar date written in the text (a release's dateline or 来源 line comes first)."""
    for match in _DATE.finditer(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def _refuse_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise IntakeError(
            _("文件含有二进制内容（NUL 字节），不是文本文件，未保存。请上传 .txt、.html 或 .docx 文件。")
        )


def _not_utf8(data: bytes) -> IntakeError:
    try:
        decoded = data.decode("gb18030")
    except UnicodeDecodeError:
        decoded = ""
    if decoded and _CJK.search(decoded):
        return IntakeError(
            _(
                "文件不是 UTF-8 编码，无法读取。内容看起来是 GBK（GB2312/GB18030）编码的中文，"
                "请用记事本或 WPS 另存为 UTF-8 编码后重新上传，未保存。"
            )
        )
    return IntakeError(
        _(
            "文件不是 UTF-8 编码的文本，无法识别其编码（可能是 GBK 等编码），"
            "请另存为 UTF-8 编码后重新上传，未保存。"
        )
    )


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a BOM); anything else is refused with advice."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    _refuse_binary(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_utf8(data) from None


def decode_html(data: bytes) -> str:
    """Respect the page's declared charset (<meta charset>); undeclared pages must be UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return decode_text(data)
    _refuse_binary(data)
    declared = _CHARSET.search(data[:4096])
    if declared is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise _not_utf8(data) from None
    name = declared.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(_SUPERSETS.get(name, name)).name
    except LookupError:
        raise IntakeError(_("网页声明的字符编码“%(name)s”无法识别，未保存。") % {"name": name}) from None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise IntakeError(
            _("网页声明的字符编码为 %(name)s，但内容无法按该编码读取，未保存。") % {"name": name}
        ) from None


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _meta_author(html: str) -> str | None:
    match = _AUTHOR.search(html[:20_000])
    return (match.group(1).strip() or None) if match else None


def read_html(data: bytes, *, name: str = "") -> RawDocument:
    import trafilatura

    html = decode_html(data)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    text = (found.text or "") if found is not None else ""
    if not text.strip():
        raise IntakeError(_("网页中找不到正文内容，未保存。"))
    return RawDocument(
        text=text,
        format="html",
        name=name,
        size=len(data),
        title=found.title or None,
        published_on=_parse_date(found.date) or find_date(text),
        source=found.sitename or None,
        author=found.author or _meta_author(html),
        url=found.url or None,
    )


def read_docx(data: bytes, *, name: str = "") -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_zip(data, DOCX)  # from the archive's directory, before anything is inflated
    except ContainerTooLarge as exc:
        raise IntakeError(f"{exc}{_('请只上传新闻稿或报告正文。')}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    # SyntaxError: lxml's XMLSyntaxError, e.g. entity definitions ("billion laughs"), which are not expanded
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        raise IntakeError(_("文件不是有效的 Word（.docx）文档，未保存。")) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    text = "\n".join(lines)
    props = document.core_properties
    return RawDocument(
        text=text,
        format="docx",
        name=name,
        size=len(data),
        title=props.title or None,
        published_on=find_date(text),
        author=props.author or None,
    )


def read_bytes(data: bytes, *, name: str) -> RawDocument:
    """Read an uploaded or local file by its extension."""
    check_size(len(data))
    suffix = Path(name).suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise IntakeError(
            _("不支持的文件类型“%(suffix)s”，请上传 .txt、.html、.htm 或 .docx 文件。")
            % {"suffix": suffix or name}
        )
    if not data.strip():
        raise IntakeError(_("文件是空的，未保存。"))
    if kind == "html":
        raw = read_html(data, name=name)
    elif kind == "docx":
        raw = read_docx(data, name=name)
    else:
        text = decode_text(data)
        raw = RawDocument(text=text, format="txt", name=name, size=len(data), published_on=find_date(text))
    if not raw.text.strip():
        raise IntakeError(_("文件没有正文内容，未保存。"))
    return raw


def read_path(path: Path) -> RawDocument:
    """A local file; its size is checked before it is read."""
    check_size(path.stat().st_size)
    return read_bytes(path.read_bytes(), name=path.name)


def read_pasted(text: str) -> RawDocument:
    if "\x00" in text:
        raise IntakeError(_("粘贴的内容含有二进制字符（NUL），未保存。"))
    check_size(len(text.encode("utf-8")))
    if not text.strip():
        raise IntakeError(_("请粘贴新闻稿或报告的正文。"))
    return RawDocument(
        text=text, format="paste", size=len(text.encode("utf-8")), published_on=find_date(text)
    )

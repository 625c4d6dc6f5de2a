"""Decompression bombs built on the fly (small on disk, huge inflated), for the memory tests.

Each is streamed into its zip member, so building one costs the test no memory.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

MB = 1024 * 1024


def docx_bomb(path: Path, inflated: int = 300 * MB) -> Path:
    """A .docx whose word/document.xml inflates to `inflated` bytes of paragraphs."""
    import docx

    template = BytesIO()
    docx.Document().save(template)
    paragraph = "<w:p><w:r><w:t>沙坪坝区签约项目50个，合同投资额超320亿元。</w:t></w:r></w:p>".encode()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, source.read(item.filename))
                continue
            head, _sep, _tail = source.read(item.filename).partition(b"<w:body>")
            with out.open(item.filename, "w", force_zip64=True) as member:
                member.write(head + b"<w:body>")
                chunk = paragraph * (MB // len(paragraph))
                for _ in range(inflated // len(chunk) + 1):
                    member.write(chunk)
                member.write(b"<w:sectPr/></w:body></w:document>")
    return path


def laughs_docx(path: Path) -> Path:
    """A .docx whose document.xml defines the "billion laughs" entities."""
    import docx

    template = BytesIO()
    docx.Document().save(template)
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    bomb = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<!DOCTYPE w:document [{''.join(entities)}]>"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, bomb if item.filename == "word/document.xml" else source.read(item.filename))
    return path


def xlsx_dimension_bomb(path: Path, ref: str = "A1:XFD10001", rows: int = 10001) -> Path:
    """An .xlsx of `rows` short rows whose sheet declares the dimension `ref` (every row padded to it)."""
    from openpyxl import Workbook

    template = BytesIO()
    book = Workbook()
    book.active.append(["项目名称", "所在区县", "合同投资额"])
    book.save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, data)
                continue
            head = data[: data.index(b"<sheetData>")]
            head = head.replace(b'<dimension ref="A1:C1"/>', f'<dimension ref="{ref}"/>'.encode())
            with out.open(item.filename, "w") as member:
                member.write(head + b"<sheetData>")
                member.write(
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe9\xa1\xb9\xe7\x9b\xae\xe5\x90\x8d\xe7\xa7\xb0'
                    b"</t></is></c></row>"
                )
                for r in range(2, rows + 1):
                    member.write(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'.encode())
                member.write(b"</sheetData></worksheet>")
    return path


def xlsx_inflated_bomb(path: Path, inflated: int = 400 * MB) -> Path:
    """An .xlsx whose shared strings inflate to `inflated` bytes."""
    from openpyxl import Workbook

    template = BytesIO()
    book = Workbook()
    book.active.append(["项目名称"])
    book.save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        with out.open("xl/padding.xml", "w", force_zip64=True) as member:
            chunk = b"<x>" + b"a" * (MB - 7) + b"</x>"
            for _ in range(inflated // len(chunk) + 1):
                member.write(chunk)
    return path


def xls_extent_bomb(path: Path) -> Path:
    """A 6 KB .xls with one cell in A1 and one in IV65536: python-calamine would build a 1 GB grid."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("台账")
    sheet.write(0, 0, "项目名称")
    sheet.write(65535, 255, "远")
    book.save(str(path))
    return path


def ods_repeat_bomb(path: Path) -> Path:
    """An .ods of a few hundred bytes whose one filled row is repeated 1,000,000 times, 1,024 cells wide."""
    from tests.records.bureau_sheets import ods_from_rows

    row = (
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell office:value-type="string" table:number-columns-repeated="1024">'
        "<text:p>炸弹</text:p></table:table-cell></table:table-row>"
    )
    path.write_bytes(
        ods_from_rows(
            '<table:table-row><table:table-cell office:value-type="string">'
            "<text:p>项目名称</text:p></table:table-cell></table:table-row>" + row
        )
    )
    return path

"""Fact extraction from press releases (DESIGN.md "Fact extraction output"); pure Python, no Django.

    from zhaoshang.lib.extraction import EnterpriseName, Gazetteer, extract_document
    gazetteer = Gazetteer.from_reference(enterprises=[EnterpriseName("赛力斯", ("小康集团",))])
    result = extract_document(text, document_date=date(2022, 8, 4), gazetteer=gazetteer)
    result.to_json()

Build the gazetteer once and keep it: building it is the expensive part.
"""

from __future__ import annotations

from zhaoshang.lib.extraction.extract import extract_document
from zhaoshang.lib.extraction.gazetteer import EnterpriseName, Gazetteer, Name
from zhaoshang.lib.extraction.schema import Entity, ExtractionResult, Fact, Mention

__all__ = [
    "EnterpriseName",
    "Entity",
    "ExtractionResult",
    "Fact",
    "Gazetteer",
    "Mention",
    "Name",
    "extract_document",
]

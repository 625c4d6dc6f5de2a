from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from zhaoshang.api.schemas import texts

# Free text: anything but NUL, which PostgreSQL text cannot hold.
TEXT = r"^[^\x00]*$"
# Codes in ASCII digits (a bare \d would also accept the digits of other scripts).
REGION_CODE = r"^[0-9]{6}$"
INDUSTRY_CODE = r"^[0-9]{4}$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=TEXT)]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class RegionRef(Schema):
    code: str = Field(..., description=texts.REGION_CODE)
    name: str = Field(..., description=texts.REGION_NAME)


class Ref(Schema):
    id: int = Field(..., description=texts.REF_ID)
    name: str = Field(..., description=texts.REF_NAME)

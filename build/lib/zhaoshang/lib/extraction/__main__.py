"""Print a document's facts as JSON: python -m zhaoshang.lib.extraction FILE [--date 2022-08-04].

A developer's tool (the default gazetteer: regions only); the platform's `zhaoshang extract` command
builds its gazetteer from the database.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from zhaoshang.lib.extraction.extract import extract_document
from zhaoshang.lib.extraction.gazetteer import Gazetteer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhaoshang.lib.extraction", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--date", type=date.fromisoformat, default=None, help="document date, YYYY-MM-DD")
    parser.add_argument("--title", default=None)
    parser.add_argument("--no-text", action="store_true", help="leave the cleaned text out of the JSON")
    args = parser.parse_args(argv)
    result = extract_document(
        args.file.read_text(encoding="utf-8"),
        document_date=args.date,
        title=args.title,
        gazetteer=Gazetteer.default(),
    )
    print(json.dumps(result.to_json(include_text=not args.no_text), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

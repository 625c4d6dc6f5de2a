"""The message catalogue (src/zhaoshang/locale/zh_Hans): update it, or check that it is up to date.

    python scripts/messages.py update   # makemessages, then fill and compile the zh_Hans catalogue
    python scripts/messages.py check    # fails when makemessages would add, change or drop a msgid

`django.mo` is built from the committed `django.po` (by `update`, `check` and `make install`), never
committed. The source strings are zh-Hans (the bureau's language), so the zh_Hans catalogue translates each string
to itself: `update` sets msgstr = msgid where it is empty and keeps one plural form (Chinese has one).
Another language is a new catalogue translating from the Chinese (`makemessages -l en`), listed in
settings.LANGUAGES. Needs GNU gettext (`make system-deps`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "zhaoshang"
LOCALE = "zh_Hans"
PO = PACKAGE / "locale" / LOCALE / "LC_MESSAGES" / "django.po"
HEADER = {
    "Project-Id-Version": "zhaoshang",
    "Language-Team": "zhaoshang",
    "Last-Translator": "zhaoshang",
    "Language": LOCALE,
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "zhaoshang", *args], cwd=PACKAGE, check=True)


def makemessages() -> None:
    # No source locations: the catalogue changes when a string does, not when a line moves.
    manage(
        "makemessages",
        "--locale",
        LOCALE,
        "--no-location",
        "--no-obsolete",
        "--ignore",
        "static/*",
        "--ignore",
        "*/migrations/*",
    )


def _unquote(lines: list[str]) -> str:
    return "".join(re.fullmatch(r'\s*(?:msg\w+(?:\[\d\])?\s+)?"(.*)"\s*', line)[1] for line in lines)


def fill(text: str) -> str:
    """msgstr = msgid for every untranslated entry; one plural form; a header without placeholders."""
    out: list[str] = []
    for number, block in enumerate(text.split("\n\n")):
        lines = block.splitlines()
        if number == 0:  # the header (the entry of the empty msgid)
            lines = [line for line in lines if line != "#, fuzzy"]
            for key, value in HEADER.items():
                lines = [re.sub(rf'^"{key}: .*\\n"$', f'"{key}: {value}\\\\n"', line) for line in lines]
            out.append("\n".join(lines))
            continue
        parts: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if m := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) ", line):
                current = m[1]
                parts[current] = [line]
            elif current and line.startswith('"'):
                parts[current].append(line)
            else:
                current = None
                parts.setdefault("#", []).append(line)
        if "msgid" not in parts:
            out.append(block)
            continue
        msgid = parts["msgid"]
        rebuilt = list(parts.get("#", []))
        if "msgctxt" in parts:
            rebuilt += parts["msgctxt"]
        rebuilt += msgid
        if "msgid_plural" in parts:
            rebuilt += parts["msgid_plural"]
            form = parts.get("msgstr[0]", ['msgstr[0] ""'])
            if not _unquote(form):
                form = ["msgstr[0] " + msgid[0].removeprefix("msgid "), *msgid[1:]]
            rebuilt += form
        else:
            form = parts.get("msgstr", ['msgstr ""'])
            if not _unquote(form):
                form = ["msgstr " + msgid[0].removeprefix("msgid "), *msgid[1:]]
            rebuilt += form
        out.append("\n".join(rebuilt))
    return "\n\n".join(out)


def msgids(text: str) -> list[str]:
    """The (context, msgid, plural) of every live entry, sorted."""
    found = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        keys: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if m := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) ", line):
                current = m[1]
                keys[current] = [line]
            elif current:
                keys[current].append(line)
        if "msgid" in keys and _unquote(keys["msgid"]):
            found.append("\x04".join(_unquote(keys.get(k, [])) for k in ("msgctxt", "msgid", "msgid_plural")))
    return sorted(found)


def update() -> None:
    makemessages()
    PO.write_text(fill(PO.read_text(encoding="utf-8")), encoding="utf-8")
    manage("compilemessages", "--locale", LOCALE)


def check() -> int:
    """0 when makemessages finds exactly the committed msgids and every entry is filled; then compiles the
    committed .po (compilemessages runs msgfmt --check-format and must run clean). The .mo is built, not
    committed (.gitignore)."""
    committed = PO.read_text(encoding="utf-8")
    try:
        makemessages()
        current = PO.read_text(encoding="utf-8")
    finally:
        PO.write_text(committed, encoding="utf-8")
    manage("compilemessages", "--locale", LOCALE)
    before, after = set(msgids(committed)), set(msgids(current))
    problems = [f"new or changed msgid: {m}" for m in sorted(after - before)]
    problems += [f"msgid no longer in the code: {m}" for m in sorted(before - after)]
    if fill(committed) != committed:
        problems.append("untranslated entries (the zh_Hans catalogue translates each string to itself)")
    for problem in problems:
        print(problem.replace("\x04", " | "), file=sys.stderr)
    if problems:
        print(
            f"{PO.relative_to(ROOT)} is out of date: run `make messages` and commit the catalogue.",
            file=sys.stderr,
        )
        return 1
    print(f"{PO.relative_to(ROOT)}: {len(before)} messages, up to date")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)

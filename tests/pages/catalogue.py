"""Reading a gettext catalogue (.po): each entry's context, message and translations."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


@dataclass
class Entry:
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    translations: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.context, self.msgid or "", self.plural)


def entries(path: Path) -> list[Entry]:
    """The live entries of a catalogue (obsolete #~ entries left out), header included."""
    found: list[Entry] = []
    entry, keyword = Entry(), ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.msgid is not None:
                found.append(entry)
            entry, keyword = Entry(), ""
        elif line.startswith("#,"):
            entry.flags += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif match := LINE.match(line):
            keyword, value = match.group(1), ast.literal_eval(match.group(2))
            _add(entry, keyword, value, start=True)
        elif line.startswith('"'):
            _add(entry, keyword, ast.literal_eval(line), start=False)
    return found


def _add(entry: Entry, keyword: str, value: str, *, start: bool) -> None:
    if keyword.startswith("msgstr"):
        entry.translations[keyword] = ("" if start else entry.translations[keyword]) + value
        return
    name = {"msgctxt": "context", "msgid": "msgid", "msgid_plural": "plural"}[keyword]
    setattr(entry, name, ("" if start else getattr(entry, name)) + value)

"""The example Plan document the document tests read, and small edits of it."""

from __future__ import annotations

# Line numbers the document tests rely on:
#  1 slug  2 title  3 area  4 force  5 commissioner  6 starts  7 ends  8 themes
#  9 - name  10 aim  11 outcomes  12 objectives  13 - text  14 priorities
EXAMPLE = """\
slug: example-2017-20
title: Police and Crime Plan 2017-20
area: Example Shire            # the police force area
force: example-shire           # data.police.uk force id
commissioner: A. Person
starts: 2017-04-01
ends: 2020-03-31
themes:
  - name: Victims
    aim: Victims are supported ...
    outcomes: [ "...", "..." ]
    objectives:
      - text: The police respond to immediate needs ...
        priorities: [ "...", "..." ]
"""


def replacing(line: int, new: str) -> str:
    """The example with one line (1-based) replaced; an empty ``new`` removes it."""
    lines = EXAMPLE.splitlines()
    assert 1 <= line <= len(lines)
    lines[line - 1 : line] = [new] if new else []
    return "\n".join(lines) + "\n"


def inserting(after: int, new: str) -> str:
    """The example with a line inserted after line ``after`` (so it becomes line after+1)."""
    lines = EXAMPLE.splitlines()
    lines.insert(after, new)
    return "\n".join(lines) + "\n"

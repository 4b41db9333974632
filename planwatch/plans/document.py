"""The Plan document: a whole Plan as YAML, read and written without Django.

``parse_plan_document`` checks the shape strictly and names the field and line
of the first problem; ``dump_plan_document`` writes text that parses back to
an equal document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")
# fromisoformat alone also takes 20170401 and 2017-W13-6; the document promises YYYY-MM-DD.
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DocumentError(ValueError):
    """A problem in a Plan document, at a line (1-based) where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class ObjectiveDoc:
    text: str
    priorities: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ThemeDoc:
    name: str
    aim: str
    outcomes: tuple[str, ...] = ()
    objectives: tuple[ObjectiveDoc, ...] = ()
    line: int = field(default=0, compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


INDICATOR_UNITS = ("count", "percentage", "rate_per_1000", "seconds", "score")
INDICATOR_POLARITIES = ("higher", "lower", "neither")
INDICATOR_FREQUENCIES = ("monthly", "quarterly")


@dataclass(frozen=True)
class IndicatorDoc:
    code: str
    name: str
    unit: str
    polarity: str
    frequency: str
    themes: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class PlanDoc:
    slug: str
    title: str
    area: str
    force: str
    commissioner: str
    starts: dt.date
    ends: dt.date
    themes: tuple[ThemeDoc, ...] = ()
    status: str | None = None
    indicators: tuple[IndicatorDoc, ...] = ()
    line: int = field(default=0, compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(
    node: yaml.Node, what: str, required: set[str], optional: set[str]
) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise DocumentError(f"{what} must be a mapping of keys to values", _line(node))
    found: dict[str, yaml.Node] = {}
    allowed = required | optional
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            raise DocumentError(
                f"unknown key {key!r} in {what} (expected one of: {expected})", _line(key_node)
            )
        if key in found:
            raise DocumentError(f"key {key!r} appears twice in {what}", _line(key_node))
        found[key] = value_node
    missing = [key for key in sorted(required) if key not in found]
    if missing:
        raise DocumentError(f"{what} is missing the field {missing[0]!r}", _line(node))
    return found


def _text(node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        raise DocumentError(f"{what} must be text", _line(node))
    text = str(node.value).strip()
    if not text:
        raise DocumentError(f"{what} must not be empty", _line(node))
    return text


def _date(node: yaml.Node, what: str) -> dt.date:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    try:
        if not DATE_PATTERN.fullmatch(str(value)):
            raise ValueError(value)
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DocumentError(
            f"{what} must be a date written YYYY-MM-DD, not {value!r}", _line(node)
        ) from None


def _list(node: yaml.Node, what: str) -> list[yaml.Node]:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise DocumentError(f"{what} must be a list", _line(node))
    return list(node.value)


def _texts(node: yaml.Node, what: str) -> tuple[str, ...]:
    return tuple(_text(item, f"each of {what}") for item in _list(node, what))


def _unique(items: list[Any], key: Callable[[Any], str], what: str) -> None:
    seen: dict[str, int] = {}
    for item in items:
        name = key(item).casefold()
        if name in seen:
            raise DocumentError(
                f"{what} {key(item)!r} appears twice (first at line {seen[name]})", item.line
            )
        seen[name] = item.line


def _objective(node: yaml.Node, theme: str) -> ObjectiveDoc:
    what = f"an objective of theme {theme!r}"
    fields = _mapping(node, what, {"text"}, {"priorities"})
    return ObjectiveDoc(
        text=_text(fields["text"], f"'text' of {what}"),
        priorities=_texts(fields["priorities"], "'priorities'") if "priorities" in fields else (),
        line=_line(node),
    )


def _theme(node: yaml.Node, index: int) -> ThemeDoc:
    fields = _mapping(node, f"theme {index}", {"name", "aim"}, {"outcomes", "objectives"})
    name = _text(fields["name"], f"'name' of theme {index}")
    what = f"theme {name!r}"
    objectives = (
        [_objective(item, name) for item in _list(fields.get("objectives"), "'objectives'")]
        if "objectives" in fields
        else []
    )
    return ThemeDoc(
        name=name,
        aim=_text(fields["aim"], f"'aim' of {what}"),
        outcomes=_texts(fields["outcomes"], f"'outcomes' of {what}")
        if "outcomes" in fields
        else (),
        objectives=tuple(objectives),
        line=_line(node),
        field_lines={key: _line(value) for key, value in fields.items()},
    )


PLAN_REQUIRED = {"slug", "title", "area", "force", "commissioner", "starts", "ends", "themes"}
PLAN_OPTIONAL = {"status", "indicators"}
INDICATOR_CODE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _choice(node: yaml.Node, what: str, choices: tuple[str, ...]) -> str:
    value = _text(node, what)
    if value not in choices:
        raise DocumentError(
            f"{what} must be one of {', '.join(choices)}, not {value!r}", _line(node)
        )
    return value


def _indicator(node: yaml.Node, index: int, theme_names: set[str]) -> IndicatorDoc:
    required = {"code", "name", "unit", "polarity", "frequency"}
    fields = _mapping(node, f"indicator {index}", required, {"themes"})
    code = _text(fields["code"], f"'code' of indicator {index}")
    if not INDICATOR_CODE.match(code):
        raise DocumentError(
            f"'code' of indicator {index} may hold only lower-case letters, digits, "
            f"full stops, hyphens and underscores, not {code!r}",
            _line(fields["code"]),
        )
    what = f"indicator {code!r}"
    themes = _texts(fields["themes"], f"'themes' of {what}") if "themes" in fields else ()
    for item, name in zip(_list(fields.get("themes"), "'themes'"), themes, strict=False):
        if name.casefold() not in theme_names:
            raise DocumentError(
                f"{what} names the theme {name!r}, which the plan does not have", _line(item)
            )
    return IndicatorDoc(
        code=code,
        name=_text(fields["name"], f"'name' of {what}"),
        unit=_choice(fields["unit"], f"'unit' of {what}", INDICATOR_UNITS),
        polarity=_choice(fields["polarity"], f"'polarity' of {what}", INDICATOR_POLARITIES),
        frequency=_choice(fields["frequency"], f"'frequency' of {what}", INDICATOR_FREQUENCIES),
        themes=themes,
        line=_line(node),
    )


def parse_plan_document(text: str) -> PlanDoc:
    """Read a Plan document; raise DocumentError naming the field and line of a problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DocumentError(
            f"not valid YAML: {error.problem}", mark.line + 1 if mark else None
        ) from None
    if root is None:
        raise DocumentError("the document is empty", 1)
    fields = _mapping(root, "the plan", PLAN_REQUIRED, PLAN_OPTIONAL)
    slug = _text(fields["slug"], "'slug'")
    if not SLUG_PATTERN.match(slug):
        raise DocumentError(
            f"'slug' may hold only letters, digits, hyphens and underscores, not {slug!r}",
            _line(fields["slug"]),
        )
    starts = _date(fields["starts"], "'starts'")
    ends = _date(fields["ends"], "'ends'")
    if ends <= starts:
        raise DocumentError("'ends' must be after 'starts'", _line(fields["ends"]))
    themes = [
        _theme(item, index) for index, item in enumerate(_list(fields["themes"], "'themes'"), 1)
    ]
    _unique(themes, lambda theme: theme.name, "theme")
    for theme in themes:
        _unique(
            list(theme.objectives),
            lambda objective: objective.text,
            f"in theme {theme.name!r}, objective",
        )
    theme_names = {theme.name.casefold() for theme in themes}
    indicators = (
        [
            _indicator(item, index, theme_names)
            for index, item in enumerate(_list(fields["indicators"], "'indicators'"), 1)
        ]
        if "indicators" in fields
        else []
    )
    _unique(indicators, lambda indicator: indicator.code, "indicator")
    return PlanDoc(
        slug=slug,
        title=_text(fields["title"], "'title'"),
        area=_text(fields["area"], "'area'"),
        force=_text(fields["force"], "'force'"),
        commissioner=_text(fields["commissioner"], "'commissioner'"),
        starts=starts,
        ends=ends,
        themes=tuple(themes),
        status=_text(fields["status"], "'status'") if "status" in fields else None,
        indicators=tuple(indicators),
        line=_line(root),
        field_lines={name: _line(node) for name, node in fields.items()},
    )


def plan_document_as_data(doc: PlanDoc) -> dict[str, Any]:
    """The document as plain data, keys in the documented order."""
    data: dict[str, Any] = {
        "slug": doc.slug,
        "title": doc.title,
        "area": doc.area,
        "force": doc.force,
        "commissioner": doc.commissioner,
        "starts": doc.starts,
        "ends": doc.ends,
    }
    if doc.status:
        data["status"] = doc.status
    data["themes"] = [
        {
            "name": theme.name,
            "aim": theme.aim,
            "outcomes": list(theme.outcomes),
            "objectives": [
                {"text": objective.text, "priorities": list(objective.priorities)}
                for objective in theme.objectives
            ],
        }
        for theme in doc.themes
    ]
    if doc.indicators:
        data["indicators"] = [
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "polarity": indicator.polarity,
                "frequency": indicator.frequency,
                "themes": list(indicator.themes),
            }
            for indicator in doc.indicators
        ]
    return data


def dump_plan_document(doc: PlanDoc) -> str:
    """Write the document as YAML that ``parse_plan_document`` reads back equal."""
    return yaml.safe_dump(
        plan_document_as_data(doc), sort_keys=False, allow_unicode=True, width=100
    )

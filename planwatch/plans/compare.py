"""Compare two versions of a Plan, element by element: themes (matched by name, or by place when
a theme was renamed), their aims, shared outcomes, objectives and priorities for action (ordered
texts matched as difflib matches lines: a text that stays is unchanged, a text replaced in the
same place is changed, the rest added or removed). Pure: works on Plan documents."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any

from planwatch.plans.document import ObjectiveDoc, PlanDoc, ThemeDoc

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    element: str  # theme, aim, outcome, objective, priority
    change: str  # added, removed, changed
    theme: str  # the theme it is under (its new name when renamed)
    old: str = ""
    new: str = ""
    objective: str = ""  # for a priority: the objective it is under

    def as_data(self) -> dict[str, Any]:
        return asdict(self)


def _pairs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Index pairs: (i, j) the same or changed in place, (i, None) removed, (None, j) added."""
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            out += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        out += zip(range(i1, i1 + paired), range(j1, j1 + paired), strict=True)
        out += [(i, None) for i in range(i1 + paired, i2)]
        out += [(None, j) for j in range(j1 + paired, j2)]
    return out


def _texts(element: str, theme: str, old: tuple[str, ...], new: tuple[str, ...]) -> list[Change]:
    changes = []
    for i, j in _pairs(list(old), list(new)):
        if i is None:
            changes.append(Change(element, ADDED, theme, new=new[j]))
        elif j is None:
            changes.append(Change(element, REMOVED, theme, old=old[i]))
        elif old[i] != new[j]:
            changes.append(Change(element, CHANGED, theme, old=old[i], new=new[j]))
    return changes


def _objectives(theme: str, old: tuple[ObjectiveDoc, ...], new: tuple[ObjectiveDoc, ...]):
    changes = []
    pairs = _pairs([o.text for o in old], [o.text for o in new])
    for i, j in pairs:
        before = old[i] if i is not None else ObjectiveDoc(text="")
        after = new[j] if j is not None else ObjectiveDoc(text="")
        if i is None:
            changes.append(Change("objective", ADDED, theme, new=after.text))
        elif j is None:
            changes.append(Change("objective", REMOVED, theme, old=before.text))
        elif before.text != after.text:
            changes.append(Change("objective", CHANGED, theme, old=before.text, new=after.text))
        under = after.text or before.text
        for change in _texts("priority", theme, before.priorities, after.priorities):
            changes.append(Change(**{**change.as_data(), "objective": under}))
    return changes


def _theme(old: ThemeDoc | None, new: ThemeDoc | None) -> list[Change]:
    """A theme's changes; a theme added or removed brings its whole contents with it."""
    if old is None or new is None:
        theme = new or old
        assert theme is not None
        empty = ThemeDoc(name=theme.name, aim="")
        head = [Change("theme", ADDED if new else REMOVED, theme.name, *_old_new(old, new))]
        return head + (_contents(empty, theme) if new else _contents(theme, empty))
    renamed = old.name != new.name
    return [Change("theme", CHANGED, new.name, old.name, new.name)] * renamed + _contents(old, new)


def _old_new(old: ThemeDoc | None, new: ThemeDoc | None) -> tuple[str, str]:
    return (old.name if old else "", new.name if new else "")


def _contents(old: ThemeDoc, new: ThemeDoc) -> list[Change]:
    changes = []
    if old.aim != new.aim:
        change = ADDED if not old.aim else REMOVED if not new.aim else CHANGED
        changes.append(Change("aim", change, new.name, old.aim, new.aim))
    changes += _texts("outcome", new.name, old.outcomes, new.outcomes)
    changes += _objectives(new.name, old.objectives, new.objectives)
    return changes


def compare_plans(old: PlanDoc, new: PlanDoc) -> list[Change]:
    """Every element added, removed or changed from `old` to `new`, theme by theme in the new
    version's order (removed themes last)."""
    old_by_name = {t.name: t for t in old.themes}
    new_names = {t.name for t in new.themes}
    unmatched_old = [t for t in old.themes if t.name not in new_names]
    changes: list[Change] = []
    for place, theme in enumerate(new.themes):
        before = old_by_name.get(theme.name)
        if before is None and unmatched_old:
            # A theme renamed in place: the old theme at the same place that no name matches.
            same_place = old.themes[place] if place < len(old.themes) else None
            if same_place in unmatched_old:
                before = same_place
                unmatched_old.remove(same_place)
        changes += _theme(before, theme)
    for theme in unmatched_old:
        changes += _theme(theme, None)
    return changes

"""The Welsh catalogue is whole: every message of the interface is in it and translated, none
is fuzzy, and the compiled catalogue in the repository is the one its source makes."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from tests.pages.catalogue import entries

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "planwatch" / "locale" / "cy" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
SOURCES = (".py", ".html", ".txt")


def test_every_message_is_translated_and_none_is_fuzzy():
    for option in ("--untranslated", "--only-fuzzy"):
        found = subprocess.run(
            ["msgattrib", option, str(PO)], capture_output=True, text=True, check=True
        )
        assert found.stdout == "", f"msgattrib {option}:\n{found.stdout[:2000]}"
    for entry in entries(PO)[1:]:
        assert "fuzzy" not in entry.flags, entry.msgid
        assert all(entry.translations.values()), entry.msgid
        assert len(entry.translations) == (4 if entry.plural else 1), entry.msgid


def test_the_catalogue_has_the_four_welsh_plural_forms():
    header = entries(PO)[0].translations["msgstr"]
    assert "Language: cy\n" in header
    assert "Plural-Forms: nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11)" in (
        header
    )


def test_the_committed_compiled_catalogue_is_what_msgfmt_makes(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)
    with compiled.open("rb") as fresh, (CATALOGUE / "django.mo").open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        )


def _not_source(folder: str, names: list[str]) -> list[str]:
    """What makemessages would not read (it reads .py, .html and .txt files)."""
    return [
        name
        for name in names
        if name == "__pycache__"
        or (not name.endswith(SOURCES) and not (Path(folder) / name).is_dir())
    ]


def test_makemessages_finds_no_message_the_catalogue_lacks(tmp_path, monkeypatch):
    # On a copy of the sources, so that the committed catalogue is left alone
    copy = tmp_path / "planwatch"
    shutil.copytree(ROOT / "planwatch", copy, ignore=_not_source)
    (copy / "locale").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["cy"], verbosity=0)
    extracted = {entry.key for entry in entries(copy / "locale/cy/LC_MESSAGES/django.po")}
    committed = {entry.key for entry in entries(PO)}
    assert extracted - committed == set(), "run makemessages and translate the new messages"
    assert committed - extracted == set(), "run makemessages to drop messages no longer used"

"""Settings come from the environment; production refuses to start without a secret key.

Each case imports the settings afresh in a new Python process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from planwatch.accounts.models import Role, User
from planwatch.accounts.services import user_create

SHOW_SETTINGS = """\
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DATABASE": {key: str(value) for key, value in settings.DATABASES["default"].items()
                 if key in ("ENGINE", "NAME", "USER", "HOST", "PORT")},
    "PASSWORD_HASHERS": settings.PASSWORD_HASHERS,
}))
"""


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    """The current environment without any PlanWatch setting, and a private var folder."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PLANWATCH_") and key != "DATABASE_URL"
    }
    clean["DJANGO_SETTINGS_MODULE"] = "planwatch.settings"
    clean["PLANWATCH_VAR_DIR"] = str(tmp_path / "var")
    return clean


def start_django(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(environment: dict[str, str], **variables: str) -> dict:
    result = start_django({**environment, **variables})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_secret_key_and_without_debug_django_refuses_to_start(environment):
    result = start_django(environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "PLANWATCH_SECRET_KEY is not set" in result.stderr


def test_an_empty_secret_key_counts_as_none(environment):
    result = start_django({**environment, "PLANWATCH_SECRET_KEY": ""})

    assert result.returncode != 0
    assert "PLANWATCH_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("off", ["0", "false", "no", ""])
def test_debug_written_as_off_still_needs_a_secret_key(environment, off):
    result = start_django({**environment, "PLANWATCH_DEBUG": off})

    assert result.returncode != 0
    assert "PLANWATCH_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("on", ["1", "true", "True", "yes", "on"])
def test_with_debug_on_django_starts_without_a_secret_key(environment, on):
    settings = settings_with(environment, PLANWATCH_DEBUG=on)

    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"]


def test_with_a_secret_key_django_starts_with_debug_off(environment):
    settings = settings_with(environment, PLANWATCH_SECRET_KEY="a-real-secret")

    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == "a-real-secret"


def test_a_postgres_database_url_gives_the_postgresql_engine(environment):
    settings = settings_with(
        environment,
        PLANWATCH_SECRET_KEY="a-real-secret",
        DATABASE_URL="postgres://u@h:5432/db",
    )

    assert settings["DATABASE"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "db",
        "USER": "u",
        "HOST": "h",
        "PORT": "5432",
    }


def test_without_a_database_url_the_database_is_sqlite_in_the_var_folder(environment, tmp_path):
    settings = settings_with(environment, PLANWATCH_SECRET_KEY="a-real-secret")

    assert settings["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASE"]["NAME"] == str(tmp_path / "var" / "planwatch.sqlite3")


def test_allowed_hosts_come_from_a_comma_separated_list(environment):
    settings = settings_with(
        environment,
        PLANWATCH_SECRET_KEY="a-real-secret",
        PLANWATCH_ALLOWED_HOSTS="a.example,b.example",
    )

    assert settings["ALLOWED_HOSTS"] == ["a.example", "b.example"]


def test_allowed_hosts_ignore_spaces_and_empty_items(environment):
    settings = settings_with(
        environment,
        PLANWATCH_SECRET_KEY="a-real-secret",
        PLANWATCH_ALLOWED_HOSTS=" a.example , ,b.example,",
    )

    assert settings["ALLOWED_HOSTS"] == ["a.example", "b.example"]


def test_allowed_hosts_default_to_this_machine_only(environment):
    settings = settings_with(environment, PLANWATCH_SECRET_KEY="a-real-secret")

    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]


def test_passwords_are_hashed_with_argon2_first(environment):
    settings = settings_with(environment, PLANWATCH_SECRET_KEY="a-real-secret")

    assert settings["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_new_users_password_is_stored_as_an_argon2_hash(db):
    user = user_create(username="hana", role=Role.OFFICER, password="correct-horse-battery")

    stored = User.objects.values_list("password", flat=True).get(pk=user.pk)

    assert stored.startswith("argon2$argon2id$")
    assert "correct-horse-battery" not in stored
    assert user.check_password("correct-horse-battery")
    assert not user.check_password("a-wrong-password")

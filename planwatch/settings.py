"""Settings, read from the environment with safe development defaults.

PLANWATCH_DEBUG           "1"/"true" turns debug on (default off)
PLANWATCH_SECRET_KEY      required when debug is off
PLANWATCH_ALLOWED_HOSTS   comma-separated host names (default: localhost names)
DATABASE_URL              e.g. postgres://user@127.0.0.1:5432/planwatch
                          (default: SQLite file var/planwatch.sqlite3)
PLANWATCH_STATIC_ROOT     where `collectstatic` writes (optional)
PLANWATCH_EMAIL_BACKEND   Django email backend (default: console, which prints emails)
PLANWATCH_EMAIL_HOST, PLANWATCH_EMAIL_PORT, PLANWATCH_EMAIL_HOST_USER,
PLANWATCH_EMAIL_HOST_PASSWORD, PLANWATCH_EMAIL_USE_TLS
                          the SMTP server, with
                          PLANWATCH_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
PLANWATCH_DEFAULT_FROM_EMAIL  the sender of reminders
PLANWATCH_BASE_URL        the site's address, for links in emails (default http://127.0.0.1:8000)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PLANWATCH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("PLANWATCH_DEBUG")

SECRET_KEY = os.environ.get("PLANWATCH_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "PLANWATCH_SECRET_KEY is not set. Set it to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set PLANWATCH_DEBUG=1 for local development only."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("PLANWATCH_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "planwatch.accounts",
    "planwatch.plans",
    "planwatch.delivery",
    "planwatch.performance",
    "planwatch.governance",
    "planwatch.papers",
    "planwatch.assurance",
    "planwatch.grants",
    "planwatch.consultation",
    "planwatch.opendata",
    "planwatch.api",
    "planwatch.pages",
    "planwatch.reporting",
    "planwatch.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "planwatch.permissions.DenyUnlessRuleAllowsMiddleware",
    "planwatch.pages.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "planwatch.urls"
WSGI_APPLICATION = "planwatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "planwatch" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planwatch.permissions.context_processor",
                "planwatch.pages.context.language_switch",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'planwatch.sqlite3'}",
        conn_max_age=int(os.environ.get("PLANWATCH_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (papers that take seconds to print, agenda packs) is queued in the database
# and run by `planwatch worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# English at /..., Welsh at /cy/... (four forces are in Wales, where services are bilingual).
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "planwatch" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "planwatch" / "static"]
# Only for `planwatch collectstatic` in production; WhiteNoise serves from the app otherwise.
STATIC_ROOT = os.environ.get("PLANWATCH_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("PLANWATCH_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = os.environ.get(
    "PLANWATCH_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("PLANWATCH_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PLANWATCH_EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("PLANWATCH_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PLANWATCH_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PLANWATCH_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "PLANWATCH_DEFAULT_FROM_EMAIL", "PlanWatch <planwatch@localhost>"
)
# Links in emails are absolute; there is no request to take the host from.
BASE_URL = os.environ.get("PLANWATCH_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PLANWATCH_LOG_LEVEL", "WARNING")},
}

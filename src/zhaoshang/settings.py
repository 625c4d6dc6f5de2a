"""Settings, read from the environment (see .env.example); SQLite in the data folder (VAR_DIR) by default."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent


def _var_dir() -> Path:
    """The data folder: the SQLite database, the secret key, media, staged imports, collected static files
    and the universe. ZHAOSHANG_VAR names it; otherwise ZHAOSHANG_HOME (the installation folder, e.g.
    /opt/zhaoshang from `make install-prod`) holds it as var/; otherwise a checkout's var/ (development);
    otherwise /var/lib/zhaoshang. Never the current directory (under systemd that is /)."""
    if path := os.environ.get("ZHAOSHANG_VAR"):
        return Path(path)
    if home := os.environ.get("ZHAOSHANG_HOME"):
        return Path(home) / "var"
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "src" / "zhaoshang").is_dir():
        return checkout / "var"
    return Path("/var/lib/zhaoshang")


VAR_DIR = _var_dir().resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


# Files the server creates (the SQLite database, media, backups, logs) are never world-readable: the
# database holds password hashes and token digests (issue 14, defect 20). ZHAOSHANG_UMASK overrides.
os.umask(int(os.environ.get("ZHAOSHANG_UMASK", "027"), 8))


def _secret_key() -> str:
    """Use SECRET_KEY if given, else one generated once into var/ (never committed)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "zhaoshang.accounts.admin_site.SuperuserAdminConfig",  # django.contrib.admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "simple_history",
    "django_tasks",  # the backport of Django 6's django.tasks (background jobs: jobs/)
    "django_tasks_db",  # its database-backed queue and `db_worker`, the embedded default
    "ninja",  # serves swagger-ui for /api/docs from its own static files (no CDN)
    # Ours in layer order (docs/architecture.md): an app imports only apps above it in this list, and
    # registers itself (scopes, history pages, recycle-bin kinds, imports) in its ready(), in this order.
    "zhaoshang.core",
    "zhaoshang.regions",
    "zhaoshang.industries",
    "zhaoshang.accounts",
    "zhaoshang.jobs",
    "zhaoshang.records",
    "zhaoshang.units",
    "zhaoshang.notify",
    "zhaoshang.enterprises",
    "zhaoshang.chains",
    "zhaoshang.projects",
    "zhaoshang.plans",
    "zhaoshang.targets",
    "zhaoshang.leads",
    "zhaoshang.targeting",
    "zhaoshang.intake",
    "zhaoshang.reports",
    "zhaoshang.api",
    "zhaoshang.demo",
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
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "zhaoshang.urls"
WSGI_APPLICATION = "zhaoshang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhaoshang.core.context_processors.site",
                "zhaoshang.accounts.context_processors.account",
                "zhaoshang.notify.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhaoshang.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if test_name := os.environ.get("TEST_DATABASE_NAME"):  # lets two test runs share one PostgreSQL server
    DATABASES["default"]["TEST"] = {"NAME": test_name}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE), so two simultaneous saves
    # queue for up to SQLITE_BUSY_TIMEOUT seconds instead of failing when the second upgrades a stale read
    # ("database is locked", issue 14 defect 11); what still times out is a 503 (core/unavailable.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "") or 5),
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
# Only the languages that have a catalogue under locale/ (the source strings are zh-Hans; see locale/README.md).
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# A bureau's own words for the Excel imports (headers, stages, project types …): records/imports/vocabulary.py
IMPORT_WORDS = os.environ.get("ZHAOSHANG_IMPORT_WORDS", "")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Development: served from the package by WhiteNoise's finders. Production: see STATIC_MANIFEST below.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Whether the database holds the demo; every page then says 演示数据.
DEMO_LABEL = env_bool("ZHAOSHANG_DEMO_LABEL", True)
# Universe (national enterprise data) as Parquet files, queried with DuckDB.
UNIVERSE_DIR = Path(os.environ.get("UNIVERSE_DIR", VAR_DIR / "universe"))
# The engine that queries it: duckdb (this machine) or spark (docs/spark.md): local mode at SPARK_MASTER,
# or a cluster's Spark Connect server at SPARK_REMOTE (sc://host:port), reading SPARK_UNIVERSE_DIR.
UNIVERSE_ENGINE = os.environ.get("UNIVERSE_ENGINE", "duckdb").strip().lower()
SPARK_MASTER = os.environ.get("SPARK_MASTER", "local[2]")
SPARK_REMOTE = os.environ.get("SPARK_REMOTE", "")
SPARK_UNIVERSE_DIR = os.environ.get("SPARK_UNIVERSE_DIR", "")

# Background jobs (jobs/): django-tasks with the database queue by default (no extra service; `zhaoshang
# worker` runs it), or Redis through RQ for a worker pool on several machines (ZHAOSHANG_TASKS=redis).
TASKS_QUEUE = os.environ.get("ZHAOSHANG_TASKS", "database").strip().lower()
REDIS_URL = os.environ.get("ZHAOSHANG_REDIS_URL", "redis://127.0.0.1:6379/0")
if TASKS_QUEUE == "redis":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 6 * 3600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A web import of more rows than this runs as a background job instead of inside the request.
IMPORT_JOB_ROWS = int(os.environ.get("ZHAOSHANG_IMPORT_JOB_ROWS", "2000"))
# How often a job interrupted by a dead worker is queued again before it is marked failed.
JOB_MAX_ATTEMPTS = int(os.environ.get("ZHAOSHANG_JOB_MAX_ATTEMPTS", "3"))

# ── Reminders and notifications (notify/): e-mail through Django's SMTP backend, group robots by webhook,
# everything through the outbox (docs/部署.md). SITE_URL makes the links in e-mails and robot messages absolute.
SITE_URL = os.environ.get("SITE_URL", "").strip()
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zhaoshang@localhost")
NOTIFY_DIGEST_THRESHOLD = int(
    os.environ.get("NOTIFY_DIGEST_THRESHOLD", "5")
)  # more new reminders: one digest
NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NOTIFY_MAX_ATTEMPTS", "6"))
NOTIFY_RETRY_BASE_SECONDS = int(os.environ.get("NOTIFY_RETRY_BASE_SECONDS", "60"))
NOTIFY_RETRY_MAX_SECONDS = int(os.environ.get("NOTIFY_RETRY_MAX_SECONDS", "21600"))
NOTIFY_SEND_TIMEOUT = float(os.environ.get("NOTIFY_SEND_TIMEOUT", "10"))
NOTIFY_SENDING_TIMEOUT = int(os.environ.get("NOTIFY_SENDING_TIMEOUT", "900"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# ── Hardening (issue 6): HTTPS-only cookies and HSTS in production, CSP, log-in throttling, upload limits,
# logs without secrets or personal data. Every knob is read from the environment (.env.example).
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


PRODUCTION = env_bool("ZHAOSHANG_PRODUCTION", False) or (not DEBUG and env_bool("ZHAOSHANG_HTTPS", False))
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
# Production static files: `collectstatic` writes them into VAR_DIR/static with hashed names and compressed
# copies; WhiteNoise serves those alone (no finders), hashed files with a cache lifetime of ten years.
if env_bool("STATIC_MANIFEST", PRODUCTION):
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    WHITENOISE_USE_FINDERS = False
# Reverse proxies in front that set X-Forwarded-*: the client address of the lockout and the audit trail
# comes from one function (core/clientip.py) that reads X-Forwarded-For only when this is set.
PROXY_COUNT = env_int("ZHAOSHANG_PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "zhaoshang.core.clientip.client_ip"

INSTALLED_APPS += ["csp", "axes"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware"
)
MIDDLEWARE.insert(0, "zhaoshang.core.middleware.UploadSizeLimitMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
MIDDLEWARE.append("zhaoshang.core.unavailable.UnavailableMiddleware")

# Scripts and styles from our own static files only: no inline script, no CDN (json_script blocks are data).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Log-in throttling: after LOGIN_FAILURE_LIMIT failures for one user name from one address, that pair is
# refused (even with the right password) for LOGIN_COOLOFF_MINUTES; each further failure restarts the wait.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zhaoshang.core.lockout.locked_out"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，该账户已被暂时锁定，请稍后再试。"

# ── 等保 basics (issue 14): sessions end after SESSION_IDLE_MINUTES without a request and SESSION_ABSOLUTE_HOURS
# after log-in (accounts/middleware.py); passwords need a length and character classes; API tokens expire.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "zhaoshang.accounts.middleware.SessionPolicyMiddleware",
)
# A 责任单位 user opens only the pages declared open to units (accounts/unitgate.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("zhaoshang.accounts.middleware.SessionPolicyMiddleware") + 1,
    "zhaoshang.accounts.unitgate.UnitGateMiddleware",
)
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10)
PASSWORD_MIN_CLASSES = env_int("PASSWORD_MIN_CLASSES", 3)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "zhaoshang.accounts.passwords.LengthValidator"},  # PASSWORD_MIN_LENGTH
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhaoshang.accounts.passwords.CharacterClassesValidator"},
]
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)
# Every failed log-in, not only the per-user counter, for the log-in log page (accounts/views.py).
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Uploads: whole request bodies (files included) up to MAX_UPLOAD_MB; form fields alone up to 5 MB.
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_MB", 20) * 2**20
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20  # larger files are streamed to a temporary file
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# The .docx briefing (reports/docx.py): a bureau's own reference document (its styles, page setup and
# footer; `zhaoshang brief --reference-docx FILE` writes the built-in one to start from), and the author
# written into the file ({region} is the district's name).
BRIEFING_DOCX_TEMPLATE = os.environ.get("ZHAOSHANG_BRIEFING_TEMPLATE", "")
BRIEFING_AUTHOR = os.environ.get("ZHAOSHANG_BRIEFING_AUTHOR", "{region}投资促进局")

LOGGING["filters"] = {"redact": {"()": "zhaoshang.lib.redact.RedactFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["redact"]
# The development server's request log has its own handler in Django's defaults, which would bypass the
# filter (issue 14, defect 21): the same handler, redacted.
LOGGING["formatters"]["django.server"] = {
    "()": "django.utils.log.ServerFormatter",
    "format": "[{server_time}] {message}",
    "style": "{",
}
LOGGING["handlers"]["django.server"] = {
    "class": "logging.StreamHandler",
    "formatter": "django.server",
    "filters": ["redact"],
}
LOGGING["loggers"]["django.server"] = {"handlers": ["django.server"], "level": "INFO", "propagate": False}
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # failures and lockouts, not every start-up and log-in

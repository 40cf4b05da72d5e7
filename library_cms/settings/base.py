"""Settings shared by every environment, read from the environment and ``.env``."""

import fontpkg_be_vietnam_pro
from django.utils.translation import gettext_lazy as _

from library_cms.catalogues import locale_paths
from library_cms.config import (
    BASE_DIR,
    env,
    env_bool,
    env_int,
    env_list,
    env_seconds,
    load_env_file,
    parse_database_url,
    parse_media_storage,
    parse_site_url,
    search_backends,
)

load_env_file()

PROJECT_DIR = BASE_DIR / "library_cms"
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env("SECRET_KEY", "insecure-local-key-change-me-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
PORT = env_int("PORT", 8000)

# Our apps from the bottom layer up (README "Map of the code"): ``load_demo`` loads each app's
# demo content in this order, so what an app's demo links to already exists.
INSTALLED_APPS = [
    "base",
    "search",
    "catalogue",
    "articles",
    "library",
    "engagement",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail_headless_preview",
    "ninja",
    "corsheaders",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A body too big is answered 413; a database outage 503 + Retry-After (README "Production").
    "library_cms.resilience.BodySizeLimitMiddleware",
    "library_cms.resilience.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "library_cms.api_http.APICacheMiddleware",
    "library_cms.api_http.APIWriteGuardMiddleware",
    "library_cms.language.VietnameseSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "engagement.middleware.VisitCounterMiddleware",
]

ROOT_URLCONF = "library_cms.urls"
WSGI_APPLICATION = "library_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

if not env("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)  # the embedded SQLite default lives there
DATABASES = {
    "default": parse_database_url(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "library_")
# The engine's timeouts and circuit breaker (search/breaker.py): a request made while serving a
# web request waits at most SEARCH_READER_TIMEOUT; after a failure the engine counts as down for
# SEARCH_RETRY_AFTER seconds (searches answer from the database, index updates are queued).
SEARCH_TIMEOUT = env_seconds("SEARCH_TIMEOUT", 30)
SEARCH_READER_TIMEOUT = env_seconds("SEARCH_READER_TIMEOUT", 2)
SEARCH_RETRY_AFTER = env_seconds("SEARCH_RETRY_AFTER", 15)
# Connections the engine client keeps open per host: one per thread of a gunicorn worker
# (WEB_THREADS, scripts/serve.sh) and the import's indexing thread, at least 10.
SEARCH_POOL_SIZE = env_int("SEARCH_POOL_SIZE", max(10, env_int("WEB_THREADS", 1) + 1))
# Shards of every index (unset: one, and the catalogue's by its size: catalogue.index).
SEARCH_SHARDS = env_int("SEARCH_SHARDS", None)
WAGTAILSEARCH_BACKENDS = search_backends(
    env("SEARCH_URL"), SEARCH_INDEX_PREFIX, env_int("SEARCH_REPLICAS", 1), SEARCH_TIMEOUT,
    SEARCH_SHARDS, SEARCH_POOL_SIZE,
)
# The engine clients log each failed request with its traceback (11 KB a search during an
# outage); the breaker says once that the engine is down, and callers log what matters.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {name: {"level": "ERROR"}
                for name in ("opensearch", "opensearchpy.trace", "elastic_transport")},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: the site and the admin speak Vietnamese, English is a
# per-user choice in the admin's account settings.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# One directory per catalogue under locale/ (README: "Vietnamese admin / translations").
LOCALE_PATHS = locale_paths()
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The site's typeface, Be Vietnam Pro (OFL), from its pinned PyPI package: served from here,
# never from a font host.
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("fonts/be-vietnam-pro", fontpkg_be_vietnam_pro.ROOT / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT") or str(VAR_DIR / "media")
# Files uploaded to the catalogue import wait here until their job ends: not under MEDIA_ROOT,
# which is public (served at MEDIA_URL by Django when DEBUG is on, by the proxy in production).
CATALOGUE_IMPORT_ROOT = env("CATALOGUE_IMPORT_ROOT") or str(VAR_DIR / "imports")
# An import that sends more records than this to the index holds it (no refresh, no replicas)
# and merges it when it ends (catalogue.bulk_load); 0 never does.
CATALOGUE_BULK_RECORDS = env_int("CATALOGUE_BULK_RECORDS", 5000)
# Images, renditions and documents: the local disk (MEDIA_ROOT) unless MEDIA_STORAGE names an
# S3-compatible bucket, which several app servers can share (README "Deploying beyond one server").
STORAGES = {
    "default": parse_media_storage(env("MEDIA_STORAGE")),
    "catalogue_imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": CATALOGUE_IMPORT_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Thư viện tỉnh Quảng Ninh"
# The site's public address: canonical links, Open Graph, sitemaps, the APIs' html_url and
# detail_url, links in e-mails. `manage.py set_site_url` (run by `make run` / `make serve`)
# gives it to Wagtail's Site.
SITE_URL, SITE_HOSTNAME, SITE_PORT = parse_site_url(env("SITE_URL", f"http://127.0.0.1:{PORT}"))
WAGTAILADMIN_BASE_URL = SITE_URL
# Documents are always served by the site, which checks their collection's privacy, also from
# S3 (Wagtail would otherwise redirect to the bucket's public URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_I18N_ENABLED = False
# Slugs are ASCII ("đ" → "d": base/slugs.py); nothing in the admin calls another host (no
# avatars from Gravatar, no check for new Wagtail releases): an intranet install works.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "base.forms.AdminLoginForm"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# The headless API (README "API"): real HTML for rich text, bounded pages, CORS for the
# configured front ends only, and the front end that shows an editor's headless preview.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 50
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)
# The server's API cache (base/api_cache.py, README "API cache"): how long an anonymous read is
# kept at most (0: off); any content change replaces it at once. Saves of these models change
# nothing the cached reads show: they leave the cache alone.
API_CACHE_TIMEOUT = env_int("API_CACHE_TIMEOUT", 600)
API_CACHE_BYPASS_HEADER = None  # a request header that forces a miss (the benchmark's cold runs)
API_CACHE_IGNORED_MODELS = {
    "sessions.session", "wagtailimages.rendition", "search.pendingindexupdate",
    "engagement.vote", "engagement.dailyvisits", "engagement.onlinevisitor",
    "catalogue.importjob", "catalogue.harvestrun", "catalogue.harvestedrecord",
}
# A CDN or caching proxy in front, purged on publish, unpublish and move (base/cdn.py): off
# unless configured.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):  # Varnish, Squid, nginx… answering HTTP PURGE
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
    }
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
HEADLESS_PREVIEW_URL = env("HEADLESS_PREVIEW_URL")
HEADLESS_PREVIEW_MAX_AGE = env_int("HEADLESS_PREVIEW_MAX_AGE", 1800)
WAGTAIL_HEADLESS_PREVIEW = {"REDIRECT_ON_PREVIEW": True}

# The catalogue's OAI-PMH provider (/oai) and harvester (README "OAI-PMH"). Identifiers are
# oai:<OAI_REPOSITORY_ID>:<control number>; without it, the host the request was addressed to.
OAI_REPOSITORY_ID = env("OAI_REPOSITORY_ID")
OAI_ADMIN_EMAIL = env("OAI_ADMIN_EMAIL")
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 100)
OAI_HARVEST_TIMEOUT = env_int("OAI_HARVEST_TIMEOUT", 30)

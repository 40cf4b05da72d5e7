"""Requests/s of the page API through gunicorn, next to Wagtail's stock v2 pages endpoint.

Builds a throw-away SQLite database with the demo content and 20 more articles, starts gunicorn
(production settings, ``WORKERS`` workers) and hits each URL from ``CLIENTS`` threads for
``SECONDS_PER_URL`` seconds: our v2 news list of 20 and article detail, our v3 list of 20 and
detail, each with a warm API cache (every request a hit) and a cold one (every request a miss:
the ``X-Bench-Cold`` header makes the cache skip its read), and Wagtail's stock v2 list and
detail: as first measured (its default list fields, the detail's title only) and showing the
same fields as ours (rows "… vs stock v2, same fields"); ours is also asked what stock is
(the list's default fields, the detail's title only). Prints a Markdown table with the ratios
to stock. ``SMOKE=1``: no demo content, 3
articles, one worker, one client, a fraction of a second per URL.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SMOKE = os.environ.get("SMOKE") == "1"
SECONDS = float(os.environ.get("SECONDS_PER_URL", "0.3" if SMOKE else "10"))
CLIENTS = int(os.environ.get("CLIENTS", "1" if SMOKE else "4"))
WORKERS = os.environ.get("WORKERS", "1" if SMOKE else "2")
ARTICLES = 3 if SMOKE else 20
COLD = {"X-Bench-Cold": "1"}  # bench/api_settings.py: API_CACHE_BYPASS_HEADER

SETUP = """
from datetime import date
from wagtail.models import Site
from articles.models import ArticlePage, NewsIndexPage, ArticleCategory
from base.demo_tools import demo_image
if SMOKE:
    index = Site.objects.get().root_page.add_child(instance=NewsIndexPage(title="Tin tức"))
    category = ArticleCategory.objects.create(name="Đo", slug="do")
else:
    from home.demo import load_demo
    load_demo()
    index, category = NewsIndexPage.objects.get(), ArticleCategory.objects.first()
for n in range(ARTICLES):
    image = demo_image(f"Ảnh đo {n}", f"Ảnh đo {n}", (20, 90, 160), size=(400, 300))
    page = ArticlePage(title=f"Tin đo tốc độ {n}", slug=f"tin-do-{n}", lead="Tóm tắt.",
        main_image=image, publish_date=date(2026, 11, 1), author="Ban biên tập",
        body=[("paragraph", "<p>Nội dung.</p>"),
              ("image", {"image": image, "alt_text": "Ảnh", "caption": "Chú thích"})])
    page.categories = [category]
    page.tags.add("đo", f"tin-{n}")
    index.add_child(instance=page)
    page.save_revision().publish()
print(ArticlePage.objects.live().order_by("pk").first().pk)
"""

STOCK = {
    "list": "/bench/stock/pages/?type=articles.ArticlePage&limit=20",
    "detail": "/bench/stock/pages/{id}/?fields=_,title",
    # The fields ours show: every list field (a list leaves out the body and "Tin khác", as
    # ours does) and the detail's default, every field.
    "list, same fields":
        "/bench/stock/pages/?type=articles.ArticlePage&fields=*,-body,-related_news&limit=20",
    "detail, same fields": "/bench/stock/pages/{id}/",
}
OURS = [  # label, the stock row it is set against, the one showing the same fields, URL
    ("v2 news list, 20 items, all list fields", "list", "list, same fields",
     "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20"),
    ("v2 article detail, all fields", "detail", "detail, same fields", "/api/v2/pages/{id}/"),
    # ours asked exactly what stock is asked: the list's default fields, the detail's title only
    ("v2 news list, 20 items, default fields", "list", None,
     "/api/v2/pages/?type=articles.ArticlePage&limit=20"),
    ("v2 article detail, title only", "detail", None, "/api/v2/pages/{id}/?fields=_,title"),
    ("v3 news list, 20 items", "list", None, "/api/v3/pages/?type=articles.ArticlePage&limit=20"),
    ("v3 article detail", "detail", "detail, same fields", "/api/v3/pages/{id}/"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None):
    """The response to ``url`` (a 200), its body read."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as response:
        assert response.status == 200, url
        response.body = response.read()
        return response


def hammer(url, headers=None):
    """Requests/s from CLIENTS threads for SECONDS seconds (every response must be a 200)."""
    counts = [0] * CLIENTS
    deadline = time.monotonic() + SECONDS

    def client(slot):
        while time.monotonic() < deadline:
            fetch(url, headers)
            counts[slot] += 1

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / SECONDS


def row(label, warm, cold, stock):
    print(f"| {label} | {warm:.0f} | {cold:.0f} | {stock:.0f} | {warm / stock:.2f} | "
          f"{cold / stock:.2f} |")
    sys.stdout.flush()


def measure(base, article_id):
    """Print the table: each of our URLs warm and cold, next to stock's as the bench has always
    asked it (its default list fields, the detail's title only), then next to stock showing the
    same fields as ours."""
    stock_rates = {}
    for kind, url in STOCK.items():
        url = base + url.format(id=article_id)
        json.loads(fetch(url).body)  # warm-up: renditions
        stock_rates[kind] = hammer(url)
    print(f"| request | ours, warm (req/s) | ours, cold (req/s) | stock v2 (req/s) | warm / stock"
          f" | cold / stock |  # {CLIENTS} clients, {WORKERS} workers, {SECONDS:g} s per URL")
    print("| --- | --- | --- | --- | --- | --- |")
    same_fields = []
    for label, kind, same_kind, url in OURS:
        url = base + url.format(id=article_id)
        json.loads(fetch(url).body)  # warm-up: renditions, then the cache's entry
        assert fetch(url).headers["X-Cache"] == "hit", url
        assert fetch(url, COLD).headers["X-Cache"] == "miss", url
        warm, cold = hammer(url), hammer(url, COLD)
        row(label, warm, cold, stock_rates[kind])
        if same_kind:
            same_fields.append((f"{label} vs stock v2, same fields", warm, cold,
                                stock_rates[same_kind]))
    for measured in same_fields:
        row(*measured)


def main():
    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "SEARCH_URL": "",
        "MEDIA_ROOT": str(work / "media"),
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([PY, "manage.py", "createcachetable"], **run)  # the production settings'
    subprocess.run([PY, "manage.py", "migrate", "-v", "0"], **run)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], **run)
    article_id = subprocess.run(
        [PY, "manage.py", "shell", "-c", f"SMOKE, ARTICLES = {SMOKE}, {ARTICLES}\n{SETUP}"],
        capture_output=True, text=True, **run
    ).stdout.split()[-1]
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "library_cms.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", WORKERS, "--env", "DJANGO_SETTINGS_MODULE=bench.api_settings"],
        cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        measure(base, article_id)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

"""Requests/s of the news API through gunicorn, next to Wagtail's stock v2 pages endpoint.

Builds a throw-away SQLite database with the demo content and 20 more articles, starts gunicorn
(production settings, ``WORKERS`` workers) and hits each URL from ``CLIENTS`` threads for
``SECONDS`` seconds. Prints one Markdown table row per request pair.
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
SECONDS = float(os.environ.get("SECONDS_PER_URL", "10"))
CLIENTS = int(os.environ.get("CLIENTS", "4"))
WORKERS = os.environ.get("WORKERS", "2")

SETUP = """
from datetime import date
from home.demo import load_demo
from articles.models import ArticlePage, NewsIndexPage, ArticleCategory
from base.demo_tools import demo_image
load_demo()
index = NewsIndexPage.objects.get()
for n in range(20):
    image = demo_image(f"Ảnh đo {n}", f"Ảnh đo {n}", (20, 90, 160))
    page = ArticlePage(title=f"Tin đo tốc độ {n}", slug=f"tin-do-{n}", lead="Tóm tắt.",
        main_image=image, publish_date=date(2026, 11, 1), author="Ban biên tập",
        body=[("paragraph", "<p>Nội dung.</p>"),
              ("image", {"image": image, "alt_text": "Ảnh", "caption": "Chú thích"})])
    page.categories = [ArticleCategory.objects.first()]
    page.tags.add("đo", f"tin-{n}")
    index.add_child(instance=page)
    page.save_revision().publish()
print(ArticlePage.objects.get(slug="ngay-hoi-doc-sach-mua-thu").pk)
"""

PAIRS = [
    (
        "news list, 20 items, all list fields",
        "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20",
        "/bench/stock/pages/?type=articles.ArticlePage&limit=20",
    ),
    (
        "article detail, all fields",
        "/api/v2/pages/{id}/",
        "/bench/stock/pages/{id}/?fields=_,title",
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hammer(url):
    """Requests/s from CLIENTS threads for SECONDS seconds (every response must be a 200)."""
    counts = [0] * CLIENTS
    deadline = time.monotonic() + SECONDS

    def client(slot):
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url) as response:
                assert response.status == 200
                response.read()
            counts[slot] += 1

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / SECONDS


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
    subprocess.run([PY, "manage.py", "migrate", "-v", "0"], **run)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], **run)
    article_id = subprocess.run(
        [PY, "manage.py", "shell", "-c", SETUP], capture_output=True, text=True, **run
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
        print(f"| request | ours (req/s) | stock v2 (req/s) | ours / stock |  "
              f"# {CLIENTS} clients, {WORKERS} workers, {SECONDS:g} s per URL")
        print("| --- | --- | --- | --- |")
        for label, ours, stock in PAIRS:
            ours, stock = (base + url.format(id=article_id) for url in (ours, stock))
            json.load(urllib.request.urlopen(ours))  # warm-up: renditions, caches
            json.load(urllib.request.urlopen(stock))
            ours_rate, stock_rate = hammer(ours), hammer(stock)
            print(f"| {label} | {ours_rate:.0f} | {stock_rate:.0f} | "
                  f"{ours_rate / stock_rate:.2f} |")
            sys.stdout.flush()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

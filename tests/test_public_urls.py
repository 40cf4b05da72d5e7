"""The site's public address (SITE_URL → Wagtail's Site), the sitemap, robots.txt, icons, and
one date-time convention in both APIs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from catalogue import sitemaps
from catalogue.models import Record
from catalogue.oai.harvest import withdraw
from library_cms.config import ConfigError, parse_site_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://thuvien.example.vn", ("https://thuvien.example.vn", "thuvien.example.vn", 443)),
        ("https://thuvien.example.vn/", ("https://thuvien.example.vn", "thuvien.example.vn", 443)),
        ("http://10.0.0.5:8080", ("http://10.0.0.5:8080", "10.0.0.5", 8080)),
        ("http://thuvien.example.vn", ("http://thuvien.example.vn", "thuvien.example.vn", 80)),
    ],
)
def test_site_url_is_parsed(url, expected):
    assert parse_site_url(url) == expected


@pytest.mark.parametrize(
    "url",
    ["thuvien.example.vn", "ftp://thuvien.example.vn", "https://thuvien.example.vn:8443",
     "http://thuvien.example.vn:443", "https://thuvien.example.vn/cong", "https://h:port"],
)
def test_bad_site_urls_are_refused_with_the_variable_named(url):
    with pytest.raises(ConfigError, match="SITE_URL"):
        parse_site_url(url)


@pytest.fixture
def public_site(settings, db):
    """SITE_URL says https://thuvien.example.vn, and start-up's command has run; afterwards
    Wagtail's cached site root paths are dropped (the rollback leaves the cache as it was)."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "https://thuvien.example.vn"
    settings.WAGTAILAPI_BASE_URL = settings.SITE_URL
    settings.SITE_HOSTNAME, settings.SITE_PORT = "thuvien.example.vn", 443
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "thuvien.example.vn"]
    call_command("set_site_url")
    yield Site.objects.get(is_default_site=True)
    Site.clear_site_root_paths_cache()


@pytest.mark.django_db
def test_set_site_url_gives_the_site_its_public_address(public_site, client, capsys):
    assert (public_site.hostname, public_site.port) == ("thuvien.example.vn", 443)
    assert public_site.root_url == "https://thuvien.example.vn"
    call_command("set_site_url")  # again: nothing changes
    assert "https://thuvien.example.vn" in capsys.readouterr().out
    assert Site.objects.count() == 1
    # A reader reaches the site through a proxy that says "localhost": links still name the
    # public address.
    html = client.get("/").content.decode()
    assert '<link rel="canonical" href="https://thuvien.example.vn/">' in html
    assert 'property="og:url" content="https://thuvien.example.vn/"' in html
    assert 'property="og:image" content="https://thuvien.example.vn/' in html
    v3 = client.get("/api/v3/pages/", {"limit": 1}).json()["items"][0]["meta"]
    v2 = client.get("/api/v2/pages/", {"limit": 1}).json()["items"][0]["meta"]
    assert v3["html_url"] == v2["html_url"] == "https://thuvien.example.vn/"
    assert v2["detail_url"].startswith("https://thuvien.example.vn/api/v2/pages/")
    assert v3["detail_url"].startswith("https://thuvien.example.vn/api/v3/pages/")


def test_deploy_check_warns_while_site_url_names_this_machine():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "library_cms.settings.production",
           "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "thuvien.example.vn"}
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0 and "home.W001" in result.stderr + result.stdout


@pytest.fixture
def records(db):
    """Seven records with ids far from 1, as after re-imports."""
    created = [Record(control_number=f"SM{n}", title=f"Sách số {n}", id=1000 + n)
               for n in range(7)]
    return Record.objects.bulk_create(created)


@pytest.mark.django_db
def test_sitemap_index_pages_and_records_at_the_public_address(
    public_site, client, records, monkeypatch
):
    monkeypatch.setattr(sitemaps, "RECORDS_PER_SITEMAP", 3)
    monkeypatch.setattr(sitemaps.RecordSitemap, "limit", 3)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"] == "application/xml"
    body = index.content.decode()
    for loc in ("https://thuvien.example.vn/sitemap-pages.xml",
                "https://thuvien.example.vn/sitemap-records.xml",
                "https://thuvien.example.vn/sitemap-records.xml?p=2",
                "https://thuvien.example.vn/sitemap-records.xml?p=3"):
        assert f"<loc>{loc}</loc>" in body
    assert "sitemap-records.xml?p=4" not in body
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>https://thuvien.example.vn/</loc>" in pages
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/sitemap-records.xml", {"p": 2}).content.decode()
    assert second.count("<url>") == 3
    assert f"<loc>https://thuvien.example.vn/opac/record/{records[3].pk}/</loc>" in second
    assert not any("OFFSET" in query["sql"] for query in queries.captured_queries)
    for bad in ({"p": 4}, {"p": 0}, {"p": "x"}):
        assert client.get("/sitemap-records.xml", bad).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_sitemap_leaves_out_records_a_harvest_withdrew(public_site, client, records, monkeypatch):
    monkeypatch.setattr(sitemaps.RecordSitemap, "limit", 3)
    withdraw(["SM0", "SM4", "SM6"])  # the first, one inside, the last
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-records.xml?p=2" in index and "sitemap-records.xml?p=3" not in index
    listed = client.get("/sitemap-records.xml").content.decode() + client.get(
        "/sitemap-records.xml", {"p": 2}).content.decode()
    shown = [f"/opac/record/{record.pk}/</loc>" for record in records]
    assert [loc in listed for loc in shown] == [False, True, True, True, False, True, False]


@pytest.mark.django_db
def test_sitemap_of_an_empty_catalogue_is_one_empty_page(public_site, client):
    assert client.get("/sitemap-records.xml").content.decode().count("<url>") == 0
    assert client.get("/sitemap-records.xml", {"p": 2}).status_code == 404


@pytest.mark.django_db
def test_robots_txt_icons_and_manifest(public_site, client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"] == "text/plain; charset=utf-8"
    text = robots.content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /api/" in text
    assert "Sitemap: https://thuvien.example.vn/sitemap.xml" in text
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"].endswith("icons/favicon.ico")
    assert (ROOT / "library_cms/static/icons/favicon.ico").read_bytes()[:4] == b"\0\0\1\0"
    manifest = client.get("/site.webmanifest").json()
    assert manifest["lang"] == "vi" and {icon["sizes"] for icon in manifest["icons"]} == {
        "192x192", "512x512"}
    html = client.get("/").content.decode()
    assert 'rel="apple-touch-icon"' in html and 'rel="manifest"' in html


@pytest.mark.django_db
def test_both_apis_write_date_times_in_one_convention(client):
    from articles.models import ArticlePage, NewsIndexPage
    from home.models import HomePage

    home = HomePage.objects.get()
    index = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    article = index.add_child(instance=ArticlePage(
        title="Giờ đăng", slug="gio-dang", lead="Tóm tắt.",
        body=[("paragraph", "<p>Nội dung.</p>")]))
    article.save_revision().publish()
    v2 = client.get(f"/api/v2/pages/{article.pk}/").json()["meta"]["first_published_at"]
    v3 = client.get(f"/api/v3/pages/{article.pk}/").json()["meta"]["first_published_at"]
    assert v2 == v3
    assert v3.endswith("+07:00") and "T" in v3  # ISO 8601, the library's time and offset

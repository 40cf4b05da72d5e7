"""The reader's site as a reader meets it: always Vietnamese, readable slugs, the error pages,
the home page's lead story and new books, the OPAC's empty result and its way back, one
wording for availability, the identity editors choose, videos that wait to be asked."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory

from articles.models import ArticlePage, NewsIndexPage
from base.slugs import ascii_slug
from catalogue.models import Record
from catalogue.oai.harvest import withdraw
from home.models import Branding, HomePage
from library.models import MapPage, VideoPage
from library_cms import errors
from tests.api.conftest import bearer

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_public_pages_are_vietnamese_whatever_the_browser_asks(client):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    html = response.content.decode()
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi"' in html
    assert "Trang chủ" in html and "Chuyển đến nội dung chính" in html
    assert ">Home<" not in html and "Skip to" not in html
    opac = client.get("/opac/", headers={"Accept-Language": "en"}).content.decode()
    assert "Tra cứu mục lục (OPAC)" in opac


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Khai trương phòng đọc Cẩm Phả", "khai-truong-phong-doc-cam-pha"),
        ("ĐẶC KHU VÂN ĐỒN", "dac-khu-van-don"),
        ("Ngày hội đọc sách 2026!", "ngay-hoi-doc-sach-2026"),
        ("Tiếng Việt giàu và đẹp", "tieng-viet-giau-va-dep"),
    ],
)
def test_ascii_slug(title, slug):
    assert ascii_slug(title) == slug


@pytest.mark.django_db
def test_a_page_created_through_the_api_without_a_slug_gets_a_readable_one(
    client, django_user_model
):
    from django.contrib.auth.models import Group

    index = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Tin", slug="tin"))
    moderator = django_user_model.objects.create_user("kiem-duyet", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    data = {"meta": {"type": "articles.ArticlePage", "parent_id": index.pk},
            "title": "Khai trương phòng đọc Cẩm Phả", "lead": "Tóm tắt.",
            "body": [{"type": "paragraph", "value": "<p>Nội dung.</p>"}]}
    for _twice in range(2):
        response = client.post("/api/v3/pages/", data, content_type="application/json",
                               headers=bearer(moderator))
        assert response.status_code == 201, response.content
    slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == ["khai-truong-phong-doc-cam-pha", "khai-truong-phong-doc-cam-pha-2"]


@pytest.mark.django_db
def test_the_admin_slug_field_is_told_to_read_d_as_d(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.org", "pw"))
    index = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Tin", slug="tin"))
    html = client.get(f"/admin/pages/add/articles/articlepage/{index.pk}/").content.decode()
    # Unicode slugs are off: Django leaves out the attribute set to False.
    assert "data-w-slug-allow-unicode-value" not in html
    formatters = html.partition("data-w-slug-formatters-value=")[2].partition("maxlength")[0]
    for letter in ("\\u0111", "\\u0110", "\\u01b0", "\\u1ecd"):  # đ Đ ư ọ
        assert letter in formatters


@pytest.mark.django_db
def test_the_404_page_is_vietnamese_in_the_sites_design(client):
    response = client.get("/khong-co-trang-nay/", headers={"Accept-Language": "en"})
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang bạn cần" in html and 'class="site-header"' in html
    assert 'action="/search/"' in html and '<meta name="robots" content="noindex">' in html


def test_the_500_page_renders_without_the_database(monkeypatch):
    request = RequestFactory().get("/")

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    monkeypatch.setattr(connection, "cursor", no_database)
    response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Xin lỗi, trang web đang gặp sự cố" in html and '<html lang="vi">' in html
    assert settings.WAGTAIL_SITE_NAME in html and "/static/css/site.css" in html


def test_the_500_page_falls_back_to_text_when_its_template_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("template storage gone")

    monkeypatch.setattr(errors, "render_to_string", broken)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "sự cố" in response.content.decode()


def test_urls_use_our_500_handler():
    from library_cms import urls

    assert urls.handler500 == "library_cms.errors.server_error"


def test_one_wording_for_availability():
    """A copy's status, a record in the results, the facet and the form all say "sẵn sàng"."""
    sources = [*ROOT.glob("catalogue/**/*.html"), *ROOT.glob("catalogue/**/*.py"),
               *ROOT.glob("library/**/*.html")]
    offending = [str(path) for path in sources if "tests" not in path.parts
                 and "có sẵn" in path.read_text(encoding="utf-8").lower()]
    assert not offending


def test_reader_dates_are_day_month_year():
    """No reader's template writes a date as month/day or without its year."""
    templates = [path for path in ROOT.glob("*/templates/**/*.html")
                 if "admin" not in path.parts and "wagtailadmin" not in path.parts]
    short = [str(path) for path in templates if 'date:"d/m"' in path.read_text()]
    assert not short


@pytest.mark.django_db
def test_home_leads_with_the_newest_article_then_the_editors_choice(demo, client):
    newest, second = ArticlePage.objects.live().order_by("-publish_date")[:2]
    html = client.get("/").content.decode()
    lead, _sep, rest = html.partition('class="widget widget--featured-news"')
    assert 'class="lead-story"' in lead and newest.title in lead
    assert newest.url not in rest.split("</section>")[0]  # not again among the news cards
    branding = Branding.load()
    branding.featured_page = second
    branding.save()
    lead = client.get("/").content.decode().partition('class="widget widget--featured-news"')[0]
    assert second.title in lead and newest.title not in lead
    second.unpublish()
    lead = client.get("/").content.decode().partition('class="widget widget--featured-news"')[0]
    assert newest.title in lead  # an unpublished choice falls back to the newest


@pytest.mark.django_db
def test_new_books_are_the_newest_records_with_covers(demo, client):
    html = client.get("/").content.decode()
    shelf = html.partition('class="widget widget--new-books"')[2].partition("</section>")[0]
    with_covers = Record.objects.exclude(cover=None).order_by("-pk")
    assert with_covers.count() >= 8
    for record in with_covers[:8]:
        assert f'href="{record.get_absolute_url()}"' in shelf
    newest_without = Record.objects.filter(cover=None, cover_url="").order_by("-pk").first()
    assert f'href="{newest_without.get_absolute_url()}"' not in shelf
    assert shelf.count('class="book-shelf__item"') == 8


@pytest.mark.django_db
def test_new_books_leave_out_records_a_harvest_withdrew(demo, client):
    newest, ninth = Record.objects.exclude(cover=None).order_by("-pk")[::8][:2]
    withdraw([newest.control_number])
    html = client.get("/").content.decode()
    shelf = html.partition('class="widget widget--new-books"')[2].partition("</section>")[0]
    assert f'href="{newest.get_absolute_url()}"' not in shelf
    assert f'href="{ninth.get_absolute_url()}"' in shelf  # the next one takes its place
    assert shelf.count('class="book-shelf__item"') == 8


@pytest.mark.django_db
def test_opac_empty_result_is_a_message_without_sorts(client):
    html = client.get("/opac/", {"q": "khongcosachnay"}).content.decode()
    main = html.partition("<main")[2].partition("</main>")[0]
    assert "Không tìm thấy biểu ghi nào." in main and 'role="status"' in main
    assert "opac-results" not in main and "Sắp xếp:" not in main


@pytest.mark.django_db
def test_back_to_results_keeps_the_search_and_stays_in_the_opac(client):
    record = Record.objects.create(control_number="B1", title="Biển đảo quê hương")
    url = record.get_absolute_url()
    html = client.get(url, {"back": "q=bien&language=vie&page=2"}).content.decode()
    assert 'href="/opac/?q=bien&amp;language=vie&amp;page=2">« Quay lại kết quả tìm kiếm' in html
    for hostile in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        html = client.get(url, {"back": hostile}).content.decode()
        link = html.partition('class="opac-back"><a href="')[2].partition('"')[0]
        assert link.startswith("/opac/"), link
    assert "« Tra cứu OPAC" in client.get(url).content.decode()


@pytest.mark.django_db
def test_brand_colours_reach_the_page_and_unreadable_ones_are_refused(client, django_user_model):
    branding = Branding.load()
    branding.brand_colour = "#7a1f3d"
    branding.save()
    html = client.get("/").content.decode()
    assert "--brand: #7a1f3d;" in html and '<meta name="theme-color" content="#7a1f3d">' in html
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.org", "pw"))
    url = f"/admin/settings/home/branding/{branding.pk}/"
    response = client.post(url, {"brand_colour": "#f5e6a1", "accent_colour": "#f2b134",
                                 "tagline": ""})
    assert response.status_code == 200
    assert "4,5:1" in str(response.context["form"].errors["brand_colour"])
    assert Branding.load().brand_colour == "#7a1f3d"


@pytest.mark.django_db
def test_videos_wait_for_the_reader_before_loading_the_player(demo, client):
    video = VideoPage.objects.get(slug="gioi-thieu-thu-vien")
    assert video.thumbnail is not None
    html = client.get(video.url).content.decode()
    outside_templates = "".join(part.partition("</template>")[2]
                                for part in html.split("<template"))
    assert "<iframe" not in outside_templates and "youtube" not in outside_templates.replace(
        video.video_url, "")
    assert f'data-video-poster="video-{video.pk}"' in html and 'class="video-poster__image"' in html
    assert f'<template id="video-{video.pk}"><iframe' in html


@pytest.mark.django_db
def test_the_demo_map_lists_the_units_since_1_july_2025(demo):
    units = list(MapPage.objects.get().units.values_list("kind", flat=True))
    assert len(units) == 54
    assert (units.count("ward"), units.count("commune"), units.count("special_zone")) == (
        30, 22, 2)
    assert not {"city", "town", "district"} & set(units)

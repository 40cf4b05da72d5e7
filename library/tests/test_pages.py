"""Book, video and map pages through the admin and the site; the book of the day."""

from datetime import date
from unittest import mock

from django.urls import reverse
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.models import Embed
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from base.demo_tools import store_embed
from base.testing import make_image
from home.models import HomePage
from library.models import (
    BookFeatureDate,
    BookIndexPage,
    BookPage,
    MapPage,
    VideoCategory,
    VideoIndexPage,
    VideoPage,
    book_of_the_day,
)

VIDEO_URL = "https://www.youtube.com/watch?v=testLibrary1"


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class LibraryPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.books = publish(cls.home, BookIndexPage(title="Mỗi ngày một cuốn sách", slug="sach"))
        cls.videos = publish(cls.home, VideoIndexPage(title="Video", slug="video"))

    def setUp(self):
        self.login()

    def add_book(self, slug, *days, live=True):
        page = BookPage(title=f"Sách {slug}", slug=slug, author="Tác giả", review="Hay.")
        page.featured_dates = [BookFeatureDate(date=day) for day in days]
        self.books.add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.unpublish()
        return page

    def test_create_publish_and_render_a_book(self):
        cover = make_image("Bìa thử")
        data = nested_form_data(
            {
                "title": "Làm vườn trên ban công",
                "slug": "lam-vuon",
                "author": "Nguyễn Văn Thử",
                "cover": cover.pk,
                "review": "Cuốn sách nhỏ về trồng rau trong căn hộ.",
                "body": rich_text("<p>Phần giới thiệu đầy đủ.</p>"),
                "featured_dates": inline_formset([{"date": "2026-11-27"}]),
            }
        )
        self.assertCanCreate(self.books, BookPage, data)
        page = BookPage.objects.get(slug="lam-vuon")
        html = self.client.get(page.url).content.decode()
        self.assertIn("<h1>Làm vườn trên ban công</h1>", html)
        self.assertIn("Phần giới thiệu đầy đủ.", html)
        self.assertIn('id="xem-them"', html)
        self.assertIn('<meta property="og:type" content="book">', html)
        index = self.client.get(self.books.url).content.decode()
        self.assertIn("Làm vườn trên ban công", index)

    def test_book_of_the_day_is_today_or_the_latest_past_one(self):
        past = self.add_book("cu", date(2026, 11, 20))
        today = self.add_book("hom-nay", date(2026, 11, 27), date(2026, 12, 5))
        self.add_book("sap-toi", date(2026, 11, 28))
        self.add_book("nhap", date(2026, 11, 26), live=False)
        self.assertEqual(book_of_the_day(date(2026, 11, 27)), today)
        self.assertEqual(book_of_the_day(date(2026, 11, 26)), past)  # the draft does not count
        self.assertEqual(book_of_the_day(date(2026, 12, 4)).slug, "sap-toi")
        self.assertEqual(book_of_the_day(date(2026, 12, 5)), today)
        self.assertIsNone(book_of_the_day(date(2026, 11, 1)))

    def test_create_publish_and_render_a_video_from_a_stored_embed(self):
        store_embed(VIDEO_URL, "Video thử")
        data = nested_form_data(
            {
                "title": "Giới thiệu phòng đọc",
                "slug": "gioi-thieu",
                "video_url": VIDEO_URL,
                "category": VideoCategory.INTRODUCTION,
                "description": "Một vòng quanh phòng đọc.",
                "transcript": "Xin chào các bạn.",
            }
        )
        self.assertCanCreate(self.videos, VideoPage, data)
        page = VideoPage.objects.get(slug="gioi-thieu")
        html = self.client.get(page.url).content.decode()
        self.assertIn("youtube-nocookie.com/embed/testLibrary1", html)
        self.assertIn("Xin chào các bạn.", html)
        self.assertIn('<meta property="og:type" content="video.other">', html)
        self.assertIn("Giới thiệu phòng đọc", self.client.get("/").content.decode())

    def post_video(self, url):
        add_url = reverse("wagtailadmin_pages:add", args=["library", "videopage", self.videos.pk])
        data = {"title": "Video lỗi", "slug": "video-loi", "video_url": url,
                "category": VideoCategory.AUDIOBOOK, "action-publish": "action-publish"}
        return self.client.post(add_url, data)

    def test_an_unsupported_embed_url_is_a_clear_form_error(self):
        response = self.post_video("https://video.invalid/khong-co")
        self.assertEqual(response.status_code, 200)
        self.assertIn("nhà cung cấp không được hỗ trợ", response.content.decode())
        self.assertFalse(VideoPage.objects.filter(slug="video-loi").exists())

    def test_an_embed_the_provider_cannot_find_is_a_clear_form_error(self):
        with mock.patch(
            "wagtail.embeds.embeds.get_finder_for_embed", side_effect=EmbedNotFoundException
        ):
            response = self.post_video("https://www.youtube.com/watch?v=khongTonTai")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Không lấy được thông tin nhúng", response.content.decode())
        self.assertFalse(VideoPage.objects.filter(slug="video-loi").exists())
        self.assertFalse(Embed.objects.exists())

    def test_create_publish_and_render_the_map(self):
        image = make_image("Bản đồ thử")
        data = nested_form_data(
            {
                "title": "Bản đồ hành chính",
                "slug": "ban-do",
                "intro": "Các đơn vị hành chính của tỉnh.",
                "map_image": image.pk,
                "map_embed_url": "",
                "body": rich_text("<p>Số liệu minh hoạ.</p>"),
                "units": inline_formset(
                    [
                        {"kind": "city", "name": "Hạ Long", "note": "Tỉnh lỵ"},
                        {"kind": "district", "name": "Cô Tô", "note": ""},
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, MapPage, data)
        page = MapPage.objects.get(slug="ban-do")
        html = self.client.get(page.url).content.decode()
        self.assertIn('<th scope="row">Hạ Long</th>', html)
        self.assertIn("Cô Tô", html)
        self.assertIn('alt="Bản đồ thử"', html)
        self.assertIn(page.url, self.client.get("/").content.decode())

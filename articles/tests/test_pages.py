"""News pages through the admin and the site: create, publish, render, list, filter."""

import json
import re
from datetime import date, timedelta
from html import unescape

from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.models import ARTICLES_PER_PAGE, ArticleCategory, ArticlePage, NewsIndexPage
from base.demo_tools import store_embed
from base.testing import make_image
from home.models import HomePage

VIDEO_URL = "https://www.youtube.com/watch?v=testArticle1"


def add_article(index, slug, category=None, days_ago=0, **fields):
    """Publish an article under ``index``."""
    page = ArticlePage(
        title=fields.pop("title", f"Bài {slug}"),
        slug=slug,
        lead=fields.pop("lead", "Tóm tắt bài."),
        body=[("paragraph", "<p>Nội dung.</p>")],
        publish_date=date(2026, 11, 20) - timedelta(days=days_ago),
        **fields,
    )
    if category:
        page.categories = [category]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


class NewsPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.index = NewsIndexPage(title="Tin tức", slug="tin-tuc", intro="Tin của thư viện.")
        cls.home.add_child(instance=cls.index)
        cls.index.save_revision().publish()
        cls.events = ArticleCategory.objects.create(name="Sự kiện", slug="su-kien")
        cls.reading = ArticleCategory.objects.create(name="Văn hoá đọc", slug="van-hoa-doc")

    def setUp(self):
        self.login()

    def test_page_tree_rules(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_create_publish_and_render_an_article_with_every_block(self):
        image = make_image()
        store_embed(VIDEO_URL, "Video thử")
        table = {
            "data": [["Năm", "Lượt đọc"], ["2025", "12.000"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Lượt đọc",
            "table_header_choice": "row",
        }
        data = nested_form_data(
            {
                "title": "Khai trương phòng đọc thiếu nhi",
                "slug": "khai-truong",
                "lead": "Phòng đọc mới mở cửa phục vụ các em.",
                "main_image": image.pk,
                "main_image_caption": "Phòng đọc mới",
                "source_name": "Báo tỉnh",
                "source_url": "https://example.org/bai",
                "author": "Phóng viên",
                "publish_date": "2026-11-25",
                "categories": str(self.events.pk),
                "tags": "thiếu nhi, phòng đọc",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Đoạn mở đầu.</p>")),
                        ("heading", {"text": "Không gian mới", "level": "h2"}),
                        ("image", {"image": image.pk, "alt_text": "", "caption": "Chú thích ảnh"}),
                        ("quote", {"text": "Đọc là lớn lên.", "attribution": "Bạn đọc"}),
                        ("video", VIDEO_URL),
                        ("table", json.dumps(table)),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.index, ArticlePage, data)
        page = ArticlePage.objects.get(slug="khai-truong")
        self.assertTrue(page.live)
        self.assertEqual(list(page.categories.all()), [self.events])
        self.assertEqual(sorted(page.tags.names()), ["phòng đọc", "thiếu nhi"])

        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for expected in (
            "<h1>Khai trương phòng đọc thiếu nhi</h1>",
            "<h2>Không gian mới</h2>",
            "Chú thích ảnh</figcaption>",
            "Đọc là lớn lên.",
            "youtube-nocookie.com/embed/testArticle1",
            "<caption>Lượt đọc</caption>",
            'href="https://example.org/bai"',
            "Nguồn",
            '<meta property="og:type" content="article">',
            '<meta property="og:title" content="Khai trương phòng đọc thiếu nhi">',
            '<meta name="description" content="Phòng đọc mới mở cửa phục vụ các em.">',
            'property="og:image"',
        ):
            self.assertIn(expected, html)
        self.assertPageIsPreviewable(page, post_data=data)

    def test_a_video_block_that_cannot_be_resolved_is_a_form_error(self):
        data = nested_form_data(
            {
                "title": "Bài có video hỏng",
                "slug": "video-hong",
                "lead": "Tóm tắt.",
                "publish_date": "2026-11-25",
                "body": streamfield([("video", "https://video.invalid/khong-co")]),
            }
        )
        add_url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.index.pk])
        message = "Không tìm thấy nội dung nhúng cho URL này."
        revisions = Revision.objects.count()
        for action in ({}, {"action-publish": "action-publish"}):  # save a draft, publish
            response = self.client.post(add_url, {**data, **action})
            self.assertEqual(response.status_code, 200)
            self.assertFalse(ArticlePage.objects.filter(slug="video-hong").exists())
            error = response.context["form"].errors["body"].as_data()[0]
            self.assertEqual(error.block_errors[0].messages, [message])  # on the video block
            html = response.content.decode()
            self.assertIn("Không thể tạo trang do có lỗi nhập liệu.", html)
            # the editor's StreamField shows the message under the video block
            arguments = re.search(r'id="body"[^>]* data-w-block-arguments-value="([^"]*)"', html)
            _blocks, errors = json.loads(unescape(arguments[1]))
            self.assertEqual(errors["blockErrors"], {"0": {"messages": [message]}})
        self.assertFalse(self.index.get_children().exists())  # nothing saved, nothing live
        self.assertEqual(Revision.objects.count(), revisions)

    def test_other_news_is_the_same_category_newest_first(self):
        page = add_article(self.index, "a", self.events)
        older = add_article(self.index, "b", self.events, days_ago=2)
        newer = add_article(self.index, "c", self.events, days_ago=1)
        add_article(self.index, "d", self.reading)
        self.assertEqual(list(page.other_news()), [newer, older])
        html = self.client.get(page.url).content.decode()
        self.assertIn("Tin khác", html)
        self.assertIn(newer.title, html)

    def test_index_paginates_and_filters_by_category(self):
        for number in range(ARTICLES_PER_PAGE + 2):
            add_article(self.index, f"tin-{number}", self.events, days_ago=number)
        add_article(self.index, "doc-sach", self.reading, title="Chỉ trong văn hoá đọc")

        first = self.client.get(self.index.url)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(len(first.context["articles"]), ARTICLES_PER_PAGE)
        self.assertIn("Trang 1 / 2", first.content.decode())

        second = self.client.get(self.index.url, {"page": 2})
        self.assertEqual(len(second.context["articles"]), 3)

        filtered = self.client.get(self.index.url, {"category": "van-hoa-doc"})
        self.assertEqual([a.slug for a in filtered.context["articles"]], ["doc-sach"])
        self.assertIn('aria-current="page">Văn hoá đọc', filtered.content.decode())

        self.assertEqual(self.client.get(self.index.url, {"category": "khong-co"}).status_code, 404)

    def test_latest_news_on_the_home_page(self):
        add_article(self.index, "moi-nhat", title="Tin mới nhất hôm nay")
        html = self.client.get("/").content.decode()
        self.assertIn("Tin mới", html)
        self.assertIn("Tin mới nhất hôm nay", html)

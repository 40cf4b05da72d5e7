"""Demo news for ``load_demo``: categories and original Vietnamese articles (idempotent)."""

from datetime import timedelta

from wagtail.rich_text import RichText

from articles.models import ArticleCategory, ArticlePage, NewsIndexPage
from base.demo_tools import child_page, demo_data, demo_photo, portal_root, publish, store_embed

CONTENT = demo_data(__file__)  # categories and articles
# The scene of each article's picture, in the order of the articles (base/demo_photos.py).
SCENES = ["event", "shelves", "computers", "shelves", "children", "reading_room"]
BODY_SCENES = {"Ngày hội đọc sách": "children", "Trưng bày sách biển đảo": "shelves"}


def _body(blocks):
    """Article body blocks with image titles and rich text turned into values."""
    value = []
    for kind, data in blocks:
        if kind == "paragraph":
            data = RichText(data)
        elif kind == "image":
            data = {**data, "image": demo_photo(
                data["image"], BODY_SCENES.get(data["image"], "reading_room"), seed=7)}
        elif kind == "video":
            store_embed(data, "Hướng dẫn tra cứu trực tuyến")
        value.append((kind, data))
    return value


def load_news(home, today):
    """The news index, its categories and articles."""
    index, _created = child_page(home, NewsIndexPage, "tin-tuc", title="Tin tức",
                                 intro="Tin hoạt động của thư viện và văn hoá đọc trong tỉnh.")
    categories = {
        slug: ArticleCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in ((c["name"], c["slug"]) for c in CONTENT["categories"])
    }
    for number, data in enumerate(CONTENT["articles"]):
        if ArticlePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        page = ArticlePage(
            slug=data["slug"],
            title=data["title"],
            lead=data["lead"],
            body=_body(data["body"]),
            main_image=demo_photo(f"Ảnh tin {number + 1}", SCENES[number % len(SCENES)],
                                  seed=number),
            main_image_caption="Ảnh minh hoạ do thư viện thực hiện.",
            source_name=data["source"][0],
            source_url=data["source"][1],
            author="Ban biên tập",
            publish_date=today - timedelta(days=data["days_ago"]),
        )
        page.categories = [categories[data["category"]]]
        page.tags.add(*data["tags"])
        publish(index, page)



def load(today):
    """The news index, its categories and articles, under the portal's home page."""
    load_news(portal_root(), today)

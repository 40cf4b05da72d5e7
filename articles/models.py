"""News: a news index, article pages, categories and tags."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from articles.blocks import ArticleBodyBlock
from base.api_fields import (
    ImageField,
    NamedItemsField,
    PageLinksField,
    TagNamesField,
    prefetch_list,
    prefetch_renditions,
)
from base.pages import IntroPage, SitePage, image_field, unexpired
from base.visibility import public

ARTICLES_PER_PAGE = 10
OTHER_NEWS_COUNT = 5


class ArticleCategory(models.Model):
    """A news category ("chuyên mục"), chosen by editors and used to filter the news index."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")

    def __str__(self):
        return self.name


class ArticleTag(TaggedItemBase):
    """A free tag on an article."""

    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def live_articles():
    """Published, public, unexpired articles, newest first."""
    return (
        unexpired(public(ArticlePage.objects.live()))
        .order_by("-publish_date", "-first_published_at")
        .select_related("main_image")
    )


class NewsIndexPage(IntroPage):
    """The list of news ("Tin tức"), paginated, filterable by category."""

    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("trang danh sách tin")
        verbose_name_plural = _("trang danh sách tin")

    def get_context(self, request, *args, **kwargs):
        """Articles under this index, of the category in ``?category=`` if given."""
        context = super().get_context(request, *args, **kwargs)
        articles = live_articles().descendant_of(self)
        category = None
        if slug := request.GET.get("category"):
            category = ArticleCategory.objects.filter(slug=slug).first()
            if category is None:
                raise Http404(_("Không có chuyên mục này."))
            articles = articles.filter(categories=category)
        context["articles"] = Paginator(articles, ARTICLES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["categories"] = ArticleCategory.objects.all()
        context["category"] = category
        return context


class ArticlePage(SitePage):
    """A news article: lead, rich body, main image, source, categories, tags, author, date."""

    lead = models.TextField(_("tóm tắt"), max_length=600, help_text=_("Một hai câu mở đầu."))
    main_image = image_field(_("ảnh chính"))
    main_image_caption = models.CharField(_("chú thích ảnh chính"), max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"))
    source_name = models.CharField(
        _("nguồn"), max_length=200, blank=True, help_text=_("Ví dụ: Báo Quảng Ninh")
    )
    source_url = models.URLField(_("liên kết nguồn"), blank=True)
    author = models.CharField(_("tác giả"), max_length=200, blank=True)
    publish_date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    categories = ParentalManyToManyField(
        ArticleCategory, verbose_name=_("chuyên mục"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("thẻ"))

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_caption")],
            heading=_("Ảnh chính"),
        ),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Nguồn")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("publish_date")]),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Thông tin bài"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("publish_date"),
    ]
    api_fields = [
        APIField("lead", writable=True),
        APIField("main_image", serializer=ImageField()),
        APIField("main_image_caption", writable=True),
        APIField("body", writable=True),
        APIField("source_name", writable=True),
        APIField("source_url", writable=True),
        APIField("author", writable=True),
        APIField("publish_date", writable=True),
        APIField("categories", serializer=NamedItemsField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("related_news", serializer=PageLinksField(source="other_news")),
    ]
    # What the api_fields read from other tables: fetched once per API list, not per item
    # (each prefetch only when the list shows its field).
    api_select_related = ["main_image"]
    api_prefetch_related = {
        "main_image": prefetch_renditions("main_image__renditions"),
        "categories": prefetch_list("categories"), "tags": prefetch_list("tags")}
    parent_page_types = ["articles.NewsIndexPage"]
    subpage_types = []
    summary_field = "lead"
    image_field = "main_image"
    og_type = "article"

    class Meta:
        verbose_name = _("bài tin")
        verbose_name_plural = _("bài tin")

    def other_news(self, limit=OTHER_NEWS_COUNT):
        """"Tin khác": the latest other articles sharing a category (any, if it has none)."""
        articles = live_articles().exclude(pk=self.pk)
        category_ids = [category.pk for category in self.categories.all()]
        if category_ids:
            articles = articles.filter(categories__in=category_ids).distinct()
        return articles[:limit]

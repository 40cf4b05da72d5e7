"""News categories as a snippet in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import ArticleCategory


class ArticleCategoryViewSet(SnippetViewSet):
    """"Chuyên mục tin" in the admin."""

    model = ArticleCategory
    icon = "tag"
    list_display = ["name", "slug"]
    add_to_admin_menu = True


register_snippet(ArticleCategoryViewSet)

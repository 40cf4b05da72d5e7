"""Admin: polls as snippets, and the daily-visits chart on the dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement.chart import bar_chart
from engagement.models import Poll
from engagement.visits import CHART_DAYS, compute_totals, daily_series


class PollViewSet(SnippetViewSet):
    """"Bình chọn" in the admin menu."""

    model = Poll
    icon = "list-ul"
    menu_label = _("Bình chọn")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["question", "opens_at", "closes_at", "featured", "total_votes"]

    def get_queryset(self, request):
        """Polls with their choices, so the vote totals cost one query."""
        return Poll.objects.prefetch_related("choices")


register_snippet(PollViewSet)


class VisitsPanel(Component):
    """The last 30 days of page views as a bar chart, with today's counters."""

    name = "engagement_visits"
    template_name = "engagement/admin/visits_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(chart=bar_chart(daily_series()), totals=compute_totals(), days=CHART_DAYS)
        return context


@hooks.register("construct_homepage_panels")
def add_visits_panel(request, panels):
    """Editors see the visits chart at the top of the dashboard."""
    panels.append(VisitsPanel())

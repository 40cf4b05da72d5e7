"""Wagtail's page actions as API v3 writes run them, answering the page as published.

``POST /api/v3/pages/`` and ``PATCH /api/v3/pages/{id}/`` with ``"action": "publish"`` answer
the instance the form saved, while publishing updates another copy of the page (the revision's):
Wagtail 8.0.1 answered ``first_published_at: null`` for a page it had just published.
"""

from wagtail import hooks
from wagtail.actions.create_page import CreatePageAction
from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Page

PUBLICATION_FIELDS = ["live", "has_unpublished_changes", "first_published_at",
                      "last_published_at", "live_revision"]


class PublishedFieldsMixin:
    """After a publishing action, read the page's publication fields back from the database."""

    def execute(self, *args, **kwargs):
        result = super().execute(*args, **kwargs)
        if self.publish and self.instance.pk:
            self.instance.refresh_from_db(fields=PUBLICATION_FIELDS)
        return result


class CreateAndPublishPageAction(PublishedFieldsMixin, CreatePageAction):
    """Wagtail's page creation, answering the published page."""


class EditAndPublishPageAction(PublishedFieldsMixin, EditPageAction):
    """Wagtail's page edit, answering the published page."""


@hooks.register("register_actions")
def register_page_actions(registry):
    registry.register(Page, CreateAndPublishPageAction)
    registry.register(Page, EditAndPublishPageAction)

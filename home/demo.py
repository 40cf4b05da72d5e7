"""Demo content for the whole portal: every app's ``demo.load(today)``, in one transaction.

Apps load in ``INSTALLED_APPS`` order, bottom layer first, so what one app's demo links to (the
catalogue's records, for the books of the day) already exists. Each loader only creates what is
missing, so running it twice changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from base.discovery import project_app_modules


@transaction.atomic
def load_demo(today=None):
    """Create whatever part of the demo portal is missing."""
    today = today or timezone.localdate()
    for module in project_app_modules("demo"):
        if module.__name__ != __name__:  # this module composes, it has no content of its own
            module.load(today)

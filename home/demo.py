"""Demo content for the whole portal: every app's ``demo.load(today)``, in one transaction.

Apps load in ``INSTALLED_APPS`` order, bottom layer first, so what one app's demo links to (the
catalogue's records, for the books of the day) already exists. Each loader only creates what is
missing, so running it twice changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from base.demo_tools import demo_photo
from base.discovery import project_app_modules
from home.models import Branding

TAGLINE = "Mở cửa tri thức cho mọi người"


@transaction.atomic
def load_demo(today=None):
    """Create whatever part of the demo portal is missing."""
    today = today or timezone.localdate()
    for module in project_app_modules("demo"):
        if module.__name__ != __name__:  # this module composes; its own part comes last
            module.load(today)
    load_branding()


def load_branding():
    """The demo library's motto, banner and share picture (the lead story is the newest
    article: no featured page is chosen)."""
    branding = Branding.load()
    if branding.tagline:
        return
    branding.tagline = TAGLINE
    branding.banner_image = demo_photo("Phòng đọc tổng hợp", "reading_room", seed=3)
    branding.share_image = demo_photo("Toà nhà thư viện tỉnh", "building", seed=1)
    branding.save()

"""Helpers for the apps' demo content: images drawn with Pillow, stored embeds, published pages.

Each app's ``demo.py`` has a ``load(today)`` that creates what is missing of its own demo
content (``manage.py load_demo`` runs them all); these are the pieces they share.
"""

import io
import json
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.models import Site

from base import demo_photos


def demo_data(module_file, name="demo_content.json"):
    """The demo content written as JSON beside an app's ``demo.py`` (``module_file``)."""
    return json.loads((Path(module_file).parent / name).read_text(encoding="utf-8"))


def portal_root():
    """The root page of the default site: the portal's home page."""
    return Site.objects.get(is_default_site=True).root_page.specific


def store_embed(url, title, provider="YouTube"):
    """Store an embed row for ``url`` so pages render it without asking the provider."""
    video_id = url.rsplit("=", 1)[-1].rsplit("/", 1)[-1]
    embed, _created = Embed.objects.get_or_create(
        hash=get_embed_hash(url),
        defaults={
            "url": url,
            "type": "video",
            "title": title,
            "provider_name": provider,
            "width": 560,
            "height": 315,
            "html": (
                f'<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/'
                f'{video_id}" title="{title}" allow="encrypted-media; picture-in-picture" '
                "allowfullscreen></iframe>"
            ),
            "last_updated": timezone.now(),
        },
    )
    return embed


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def stored_image(title, draw):
    """The Wagtail image called ``title``; if missing, ``draw()`` makes its Pillow picture."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    draw().save(buffer, "JPEG", quality=84, optimize=True)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg"))


def demo_photo(title, scene, seed=0, size=(1200, 800)):
    """A Wagtail image called ``title``: a library scene that reads as a photograph."""
    return stored_image(title, lambda: demo_photos.photo(scene, seed, size))


def demo_cover(title, author, colour):
    """A Wagtail image of a designed book cover (``Bìa sách: <title>``)."""
    return stored_image(f"Bìa sách: {title}", lambda: demo_photos.cover(title, author, colour))


def demo_image(title, label, colour, size=(1200, 800)):
    """A Wagtail image called ``title``: a coloured card with ``label`` drawn on it (tests and
    benchmarks: quick to draw, told apart at a glance)."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    for step in range(0, width, 80):  # a light pattern so images are told apart
        draw.line([(step, 0), (step + height // 2, height)], fill=_lighter(colour), width=6)
    draw.rectangle([40, height - 220, width - 40, height - 40], fill=(255, 255, 255))
    draw.text((70, height - 190), label, fill=(20, 20, 20), font=_font(max(28, width // 24)))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.png"))


def _lighter(colour):
    return tuple(min(255, part + 40) for part in colour)


def child_page(parent, model, slug, **fields):
    """The live child page of ``parent`` with ``slug``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, show_in_menus=True, **fields)
    return publish(parent, page), True


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page

"""Colours of the site's design tokens: parsing, mixing and WCAG contrast.

Editors choose the brand and accent colours in the admin; the rest of the palette is derived
from them here, and a colour that would make text unreadable (WCAG 2.1 AA: 4.5:1) is refused.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
INK = "#1f2328"  # body text, also the text drawn on the accent colour
AA_CONTRAST = 4.5


def rgb(colour):
    """``#0b4f6c`` → ``(11, 79, 108)``."""
    return tuple(int(colour[index:index + 2], 16) for index in (1, 3, 5))


def hex_colour(parts):
    """``(11, 79, 108)`` → ``#0b4f6c``."""
    return "#" + "".join(f"{round(part):02x}" for part in parts)


def mix(colour, other, share):
    """``colour`` with ``share`` (0–1) of ``other`` mixed in."""
    return hex_colour(a + (b - a) * share for a, b in zip(rgb(colour), rgb(other), strict=True))


def luminance(colour):
    """Relative luminance as WCAG 2.1 defines it."""
    def linear(part):
        part /= 255
        return part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(part) for part in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@deconstructible
class ReadableWith:
    """A validator: the value is ``#rrggbb`` and reaches 4.5:1 against ``text_colour``."""

    def __init__(self, text_colour):
        self.text_colour = text_colour

    def __call__(self, value):
        if not HEX_COLOUR.match(value or ""):
            raise ValidationError(_("Màu viết dạng #rrggbb, ví dụ #0b4f6c."))
        ratio = contrast(value, self.text_colour)
        if ratio < AA_CONTRAST:
            raise ValidationError(
                _("Độ tương phản với màu chữ %(text)s chỉ %(ratio).1f:1; cần ít nhất 4,5:1 để "
                  "mọi người đọc được.") % {"text": self.text_colour, "ratio": ratio}
            )

    def __eq__(self, other):
        return isinstance(other, ReadableWith) and other.text_colour == self.text_colour


def design_tokens(brand, accent):
    """The CSS custom properties that follow from the two chosen colours."""
    return {
        "--brand": brand,
        "--brand-dark": mix(brand, "#000000", 0.3),
        "--brand-tint": mix(brand, WHITE, 0.9),
        "--accent": accent,
        "--accent-tint": mix(accent, WHITE, 0.82),
    }

"""Geometry of the dashboard's daily-visits bar chart, drawn as inline SVG by a template."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from base.dates import Weekday
from engagement.formats import group_digits

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 20, 12, 28
LABEL_EVERY = 5


@dataclass(frozen=True)
class Bar:
    """One day's bar: its box, its label under the axis (or ""), and its tooltip."""

    x: float
    y: float
    width: float
    height: float
    label: str
    title: str

    @property
    def center(self):
        """Where the bar's label is centred."""
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Tick:
    """A horizontal grid line with its value."""

    y: float
    value: int


def nice_ceiling(value):
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(series):
    """Bars and grid ticks for ``series``, a list of ``(day, views)`` oldest first."""
    top = nice_ceiling(max((views for _day, views in series), default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(series), 1)
    bars = []
    for index, (day, views) in enumerate(series):
        height = plot_height * views / top
        last = index == len(series) - 1
        bars.append(Bar(
            x=round(LEFT + index * slot + slot * 0.1, 1),
            y=round(TOP + plot_height - height, 1),
            width=round(slot * 0.8, 1),
            height=round(height, 1),
            label=f"{day:%d/%m}" if last or (len(series) - 1 - index) % LABEL_EVERY == 0 else "",
            title=_("%(weekday)s, %(date)s: %(views)s lượt xem") % {
                "weekday": Weekday(day.weekday()).label, "date": f"{day:%d/%m/%Y}",
                "views": group_digits(views),
            },
        ))
    ticks = [Tick(y=round(TOP + plot_height * (1 - part / 2), 1), value=top * part // 2)
             for part in range(3)]
    return {"bars": bars, "ticks": ticks, "width": WIDTH, "height": HEIGHT, "left": LEFT,
            "right": WIDTH - RIGHT, "baseline": HEIGHT - BOTTOM, "label_y": HEIGHT - 8}

"""Polls readers vote in once, and daily page-view counters of the portal."""

from django.contrib import admin
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable


class PollQuerySet(models.QuerySet):
    """Polls filtered by whether readers may vote in them now."""

    def open_at(self, at):
        """Polls that have opened by ``at`` and have not closed yet."""
        return self.filter(Q(closes_at__isnull=True) | Q(closes_at__gt=at), opens_at__lte=at)


class Poll(ClusterableModel):
    """A question with ordered choices ("Bình chọn"), open between two dates."""

    question = models.CharField(_("câu hỏi"), max_length=300)
    opens_at = models.DateTimeField(_("mở từ"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("đóng lúc"), null=True, blank=True, help_text=_("Để trống: không hẹn ngày đóng.")
    )
    show_results_before_voting = models.BooleanField(
        _("hiện kết quả trước khi bình chọn"), default=False
    )
    featured = models.BooleanField(
        _("hiện trên trang chủ"),
        default=False,
        help_text=_("Chỉ một cuộc bình chọn được hiện trên trang chủ; chọn mục này sẽ bỏ chọn "
                    "các cuộc bình chọn khác."),
    )

    objects = PollQuerySet.as_manager()

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("show_results_before_voting"), FieldPanel("featured")]),
        InlinePanel("choices", heading=_("Các lựa chọn"), label=_("Lựa chọn"), min_num=2),
    ]

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("bình chọn")
        verbose_name_plural = _("bình chọn")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="engagement_poll_closes_after_opening",
                violation_error_message=_("Ngày đóng phải sau ngày mở bình chọn."),
            ),
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        """Save; a featured poll takes the portal's slot from any other."""
        with transaction.atomic():
            if self.featured:
                Poll.objects.filter(featured=True).exclude(pk=self.pk).update(featured=False)
            super().save(*args, **kwargs)

    @admin.display(description=_("số phiếu"))
    def total_votes(self):
        """All votes counted in this poll."""
        return sum(choice.votes for choice in self.choices.all())

    def is_open(self, at=None):
        """Whether readers may vote at ``at`` (default: now)."""
        at = at or timezone.now()
        return self.opens_at <= at and (self.closes_at is None or at < self.closes_at)


class PollChoice(Orderable):
    """One answer of a poll, with its vote counter (kept equal to its ``Vote`` rows)."""

    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("lựa chọn"), max_length=200)
    votes = models.PositiveIntegerField(_("số phiếu"), default=0, editable=False)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")

    def __str__(self):
        return self.text


class Vote(models.Model):
    """One accepted vote. The database refuses a second one from the same voter.

    A voter is both the random token of their signed cookie and a salted hash of their IP
    address and user agent (never the raw address): either one seen before refuses the vote.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(PollChoice, on_delete=models.CASCADE, related_name="vote_rows")
    voter_token = models.CharField(max_length=64)
    client_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("phiếu bình chọn")
        verbose_name_plural = _("phiếu bình chọn")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_token"], name="engagement_one_vote_per_token"
            ),
            models.UniqueConstraint(
                fields=["poll", "client_hash"], name="engagement_one_vote_per_client"
            ),
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.choice_id}"


class DailyVisits(models.Model):
    """Counted page views of one day in the library's time zone."""

    day = models.DateField(_("ngày"), unique=True)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        ordering = ["day"]
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.views}"


class OnlineVisitor(models.Model):
    """When a visitor (salted hash of IP and user agent) was last seen, for "đang trực tuyến"."""

    visitor_hash = models.CharField(max_length=64, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.visitor_hash[:8]} {self.last_seen:%H:%M}"

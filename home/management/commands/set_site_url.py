"""Give Wagtail's default Site the public address of ``SITE_URL`` (host name and port), so that
canonical links, Open Graph, sitemaps and the APIs' ``html_url`` name it, never ``localhost``.
``make run`` and ``make serve`` run it after ``migrate``; running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Đặt địa chỉ công khai SITE_URL (tên máy, cổng) cho trang web mặc định của Wagtail."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("Chưa có trang web mặc định: hãy chạy `manage.py migrate` trước.")
        wanted = (settings.SITE_HOSTNAME, settings.SITE_PORT)
        if (site.hostname, site.port) != wanted:
            clash = Site.objects.filter(hostname=wanted[0], port=wanted[1]).exclude(pk=site.pk)
            if clash.exists():
                raise CommandError(
                    f"Một trang web khác đã dùng {wanted[0]}:{wanted[1]}: sửa trong Quản trị → "
                    "Cài đặt → Trang web."
                )
            site.hostname, site.port = wanted
            site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Địa chỉ công khai / site URL: {site.root_url}")

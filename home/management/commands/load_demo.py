"""``manage.py load_demo``: fill the portal with Vietnamese demo content (idempotent)."""

from django.core.management.base import BaseCommand

from home.demo import load_demo


class Command(BaseCommand):
    help = "Tạo nội dung trình diễn cho cổng thông tin (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        load_demo()
        self.stdout.write(self.style.SUCCESS("Đã tạo nội dung trình diễn."))

"""Create the documented local admin account (admin / admin) when no superuser exists."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị cục bộ admin/admin (chỉ khi DEBUG bật, chưa có quản trị viên)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin chỉ dùng cho máy cục bộ (DEBUG=True).")
        User = get_user_model()
        login_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(f"Quản trị / admin: {login_url} (dùng tài khoản quản trị hiện có)")
            return
        User.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
        self.stdout.write(
            f"Quản trị / admin: {login_url} — tên đăng nhập {USERNAME}, mật khẩu {PASSWORD} "
            "(chỉ dùng cục bộ / local use only)"
        )

"""The catalogue's models, moved from the ``library`` app: their tables stay where they are.

Only Django's idea of the models moves (``state_operations``); the tables ``library_record``,
``library_holding`` and ``library_importjob`` keep their data, so an existing database upgrades
with ``manage.py migrate`` and loses nothing (``library`` migration 0005 takes them out of that
app's state and moves their content types and queued index updates).
"""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('library', '0004_record_holdings_inline'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='lúc tải lên')),
                        ('files', models.JSONField(default=list, verbose_name='tệp')),
                        ('dry_run', models.BooleanField(default=False, verbose_name='chỉ kiểm tra')),
                        ('status', models.CharField(choices=[('queued', 'Đang chờ'), ('running', 'Đang nhập'), ('done', 'Đã xong'), ('failed', 'Thất bại')], db_index=True, default='queued', max_length=10, verbose_name='trạng thái')),
                        ('read', models.PositiveIntegerField(default=0, verbose_name='đã đọc')),
                        ('created', models.PositiveIntegerField(default=0, verbose_name='mới')),
                        ('updated', models.PositiveIntegerField(default=0, verbose_name='cập nhật')),
                        ('unchanged', models.PositiveIntegerField(default=0, verbose_name='không đổi')),
                        ('rejected', models.PositiveIntegerField(default=0, verbose_name='bị từ chối')),
                        ('not_indexed', models.PositiveIntegerField(default=0, verbose_name='chưa vào chỉ mục')),
                        ('rejections', models.JSONField(default=list, verbose_name='biểu ghi bị từ chối')),
                        ('progress', models.FloatField(default=0, verbose_name='tiến độ')),
                        ('error', models.TextField(blank=True, verbose_name='lỗi')),
                        ('pid', models.PositiveIntegerField(blank=True, null=True, verbose_name='mã tiến trình')),
                        ('host', models.CharField(blank=True, max_length=255, verbose_name='máy chủ')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='bắt đầu')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='kết thúc')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nhập')),
                    ],
                    options={
                        'verbose_name': 'lượt nhập biểu ghi',
                        'verbose_name_plural': 'lượt nhập biểu ghi',
                        'db_table': 'library_importjob',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Record',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('control_number', models.CharField(max_length=64, unique=True, verbose_name='số kiểm soát')),
                        ('title', models.TextField(verbose_name='nhan đề')),
                        ('subtitle', models.TextField(blank=True, verbose_name='phụ đề')),
                        ('responsibility', models.TextField(blank=True, verbose_name='thông tin trách nhiệm')),
                        ('authors', models.JSONField(blank=True, default=list, verbose_name='tác giả')),
                        ('subjects', models.JSONField(blank=True, default=list, verbose_name='chủ đề')),
                        ('isbns', models.JSONField(blank=True, default=list, verbose_name='ISBN')),
                        ('issns', models.JSONField(blank=True, default=list, verbose_name='ISSN')),
                        ('publisher', models.TextField(blank=True, verbose_name='nhà xuất bản')),
                        ('place', models.TextField(blank=True, verbose_name='nơi xuất bản')),
                        ('year', models.PositiveSmallIntegerField(blank=True, db_index=True, null=True, validators=[django.core.validators.MaxValueValidator(9999)], verbose_name='năm xuất bản')),
                        ('edition', models.TextField(blank=True, verbose_name='lần xuất bản')),
                        ('language', models.CharField(blank=True, db_index=True, max_length=3, validators=[django.core.validators.RegexValidator('^[a-z]{3}$', 'Mã ngôn ngữ MARC gồm 3 chữ thường, ví dụ vie, eng, fre.')], verbose_name='ngôn ngữ')),
                        ('physical_description', models.TextField(blank=True, verbose_name='mô tả vật lý')),
                        ('series', models.TextField(blank=True, verbose_name='tùng thư')),
                        ('summary', models.TextField(blank=True, verbose_name='tóm tắt')),
                        ('notes', models.JSONField(blank=True, default=list, verbose_name='phụ chú')),
                        ('classification', models.CharField(blank=True, max_length=100, verbose_name='ký hiệu phân loại (DDC)')),
                        ('call_number', models.CharField(blank=True, max_length=100, verbose_name='ký hiệu xếp giá')),
                        ('material_type', models.CharField(choices=[('book', 'Sách'), ('serial', 'Ấn phẩm định kỳ'), ('map', 'Bản đồ'), ('music', 'Âm nhạc'), ('audio', 'Tài liệu nghe'), ('video', 'Tài liệu nghe nhìn'), ('electronic', 'Tài liệu điện tử'), ('manuscript', 'Bản thảo'), ('other', 'Khác')], db_index=True, default='book', max_length=20, verbose_name='loại tài liệu')),
                        ('cover_url', models.URLField(blank=True, help_text='Ảnh bìa trên web (MARC 856); ảnh bìa tải lên được ưu tiên.', max_length=2048, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='địa chỉ ảnh bìa')),
                        ('links', models.JSONField(blank=True, default=list, verbose_name='liên kết')),
                        ('marcxml', models.TextField(blank=True, verbose_name='biểu ghi MARCXML')),
                        ('search_text', models.TextField(blank=True, editable=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ngày cập nhật')),
                        ('cover', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='ảnh bìa')),
                    ],
                    options={
                        'verbose_name': 'biểu ghi',
                        'verbose_name_plural': 'biểu ghi thư mục',
                        'db_table': 'library_record',
                        'ordering': ['title', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Holding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('barcode', models.CharField(max_length=64, unique=True, verbose_name='mã vạch')),
                        ('branch', models.CharField(blank=True, max_length=150, verbose_name='thư viện chi nhánh')),
                        ('location', models.CharField(blank=True, max_length=150, verbose_name='kho')),
                        ('call_number', models.CharField(blank=True, max_length=100, verbose_name='ký hiệu xếp giá')),
                        ('status', models.CharField(choices=[('available', 'Sẵn sàng'), ('on_loan', 'Đang cho mượn'), ('reference', 'Chỉ đọc tại chỗ'), ('lost', 'Bị mất'), ('damaged', 'Hư hỏng')], default='available', max_length=20, verbose_name='trạng thái')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='hạn trả')),
                        ('record', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='holdings', to='catalogue.record', verbose_name='biểu ghi')),
                    ],
                    options={
                        'verbose_name': 'bản tài liệu',
                        'verbose_name_plural': 'vốn tài liệu',
                        'db_table': 'library_holding',
                        'ordering': ['branch', 'barcode'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

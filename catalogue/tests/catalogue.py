"""A small catalogue, imported through import_marc's code into PostgreSQL and the engine."""

import io

from catalogue.importing.files import import_files
from catalogue.tests.marc_samples import iso2709, marc_record

RECORDS = [
    marc_record("T1", "Sách giáo khoa Toán 6", author="Nguyễn Văn Minh", year="2021",
                subjects=["Toán học", "Sách giáo khoa"], publisher="Nxb. Giáo dục Việt Nam",
                isbn="9786040000101", call_number="510 NG-M",
                holdings=[("B1", "Thư viện tỉnh", "available")],
                summary="Sách dành cho học sinh lớp 6 học toán."),
    marc_record("T2", "Nước sạch cho nông thôn", author="Trần Thị Hoa", year="2015",
                subjects=["Môi trường", "Nông thôn"], publisher="Nxb. Nông nghiệp",
                holdings=[("B2", "Chi nhánh Hạ Long", "on_loan")]),
    marc_record("T3", "Lịch sử Quảng Ninh", author="Trần Thị Hoa", year="1998",
                subjects=["Lịch sử", "Quảng Ninh"], publisher="Nxb. Quảng Ninh",
                holdings=[("B3", "Thư viện tỉnh", "available"),
                          ("B4", "Chi nhánh Cẩm Phả", "available")]),
    marc_record("T4", "Vịnh Hạ Long kỳ quan thiên nhiên", author="Lê Văn Hải", year="2010",
                subjects=["Du lịch", "Quảng Ninh"], publisher="Nxb. Thông tin",
                holdings=[("B5", "Chi nhánh Hạ Long", "reference")]),
    marc_record("T5", "A history of Vietnam", author="Smith, John", lang="eng", year="2005",
                subjects=["History"], publisher="Penguin", isbn="0140000002",
                holdings=[("B6", "Thư viện tỉnh", "available")]),
    marc_record("T6", "Sách và người đọc", author="Phạm Ngọc Lan", year="2019",
                subjects=["Thư viện", "Đọc sách"], publisher="Nxb. Trẻ",
                holdings=[("B7", "Thư viện tỉnh", "lost")]),
    marc_record("T7", "Người đọc và sách", author="Đỗ Quang Vinh", year="2020",
                subjects=["Đọc sách"], publisher="Nxb. Trẻ", leader="gm"),
    marc_record("T8", "Truyện cổ tích Việt Nam", author="Nguyễn Đổng Chi", year="1975",
                subjects=["Văn học dân gian"], publisher="Nxb. Kim Đồng",
                holdings=[("B8", "Chi nhánh Uông Bí", "available")]),
]


def load_catalogue(refresh):
    """Import :data:`RECORDS` and make them searchable at once; return the summary."""
    summary = import_files([("test.mrc", io.BytesIO(iso2709(*RECORDS)))])
    refresh()
    return summary

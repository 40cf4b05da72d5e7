"""The spelling rules of ``search.analysis`` as a table: variants that find each other, words
that must not, and the engine's analyzers agreeing with the Python side word for word."""

import unicodedata

import pytest

from search.analysis import SPELLINGS, VARIANT_MARK, fold, nfc_mappings, spelling

# Pairs written differently that must match: i/y after h k l m t (and n s v d th in proper
# names), after qu; tone on either vowel of oa, oe, uy; decomposed text; any case.
SAME = [
    ("kĩ", "kỹ"), ("kì", "kỳ"), ("kí", "ký"), ("kỉ", "kỷ"), ("ki", "ky"), ("kị", "kỵ"),
    ("hi", "hy"), ("hỉ", "hỷ"), ("lí", "lý"), ("li", "ly"), ("lị", "lỵ"), ("mĩ", "mỹ"),
    ("mi", "my"), ("mị", "mỵ"), ("tỉ", "tỷ"), ("tị", "tỵ"), ("tí", "tý"), ("ti", "ty"),
    ("sĩ", "sỹ"), ("vi", "vy"), ("ni", "ny"), ("thi", "thy"), ("di", "dy"),
    ("quí", "quý"), ("quĩ", "quỹ"), ("qui", "quy"), ("quì", "quỳ"), ("quít", "quýt"),
    ("quịt", "quỵt"), ("quý", "qúy"), ("quỹ", "qũy"),
    ("hoà", "hòa"), ("hoá", "hóa"), ("hoạ", "họa"), ("khoẻ", "khỏe"), ("loè", "lòe"),
    ("toà", "tòa"), ("xoá", "xóa"), ("đoá", "đóa"), ("oà", "òa"), ("xoè", "xòe"),
    ("thuỷ", "thủy"), ("tuỳ", "tùy"), ("huỷ", "hủy"), ("luỹ", "lũy"), ("uỷ", "ủy"),
    ("thuý", "thúy"), ("suý", "súy"), ("thuỵ", "thụy"),
    ("sa\u0301ch", "sách"), ("ky\u0303", "kĩ"), ("ho\u0300a", "hòa"), ("ca\u0323\u0302u", "cậu"),
    ("â\u0301m", "ấm"),
]
# Pairs that must stay apart: y opening a syllable, the y of uy/uya/uyê/uynh, y alone, initials
# that never write y, different tones or letters.
APART = [
    ("yêu", "iêu"), ("yến", "iến"), ("khuya", "khuia"), ("tuyết", "tuiết"),
    ("nguyễn", "nguiễn"), ("khuyên", "khuiên"), ("quyển", "quiển"), ("quyên", "quiên"),
    ("quỳnh", "quình"), ("khuỷu", "khuỉu"), ("huýt", "huít"),
    ("huy", "hui"), ("thuý", "thúi"), ("tuỷ", "tủi"), ("luỹ", "lũi"), ("duy", "dui"),
    ("tuy", "tui"), ("suy", "sui"), ("thuỳ", "thùi"),
    ("ý", "í"), ("y", "i"), ("ỷ", "ỉ"),
    ("bi", "by"), ("chi", "chy"), ("khi", "khy"), ("phi", "phy"), ("nghi", "nghy"),
    ("gì", "gỳ"), ("xi", "xy"), ("ri", "ry"), ("nhi", "nhy"), ("tri", "try"),
    ("sky", "ski"), ("kyoto", "kioto"),
]
# Pairs that fold alike but differ in a diacritic: they match, the one typed ranks first.
OTHER_DIACRITICS = [("ký", "kỳ"), ("hoà", "hoá"), ("sách", "sạch"), ("mô", "mơ"), ("quý", "quỳ")]


def test_the_table_is_large_enough():
    assert len({word for pair in SAME + APART + OTHER_DIACRITICS for word in pair}) >= 60


@pytest.mark.parametrize(("one", "other"), SAME)
def test_variants_find_each_other(one, other):
    one, other = unicodedata.normalize("NFC", one), unicodedata.normalize("NFC", other)
    assert fold(one) == fold(other)
    assert fold(one.upper()) == fold(other)
    assert spelling(one) == spelling(other)


@pytest.mark.parametrize(("one", "other"), APART)
def test_counter_examples_stay_apart(one, other):
    assert spelling(one) != spelling(other)
    assert fold(one) != fold(other)


@pytest.mark.parametrize(("one", "other"), OTHER_DIACRITICS)
def test_other_diacritics_fold_alike_but_are_other_spellings(one, other):
    assert fold(one) == fold(other) and spelling(one) != spelling(other)


@pytest.mark.parametrize(("written", "spelled"), [
    ("kỹ", "kĩ"), ("hòa", "hoà"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("qúy", "quí"),
    ("quýt", "quít"), ("mỹ", "mĩ"), ("sách", "sách"), ("huy", "huy"), ("hoàng", "hoàng"),
    ("toán", "toán"), ("khuya", "khuya"), ("12", "12"), ("history", "history"),
])
def test_one_spelling_kept_with_its_diacritics(written, spelled):
    assert spelling(written) == spelled


def test_fold_works_on_text():
    assert fold("Lê Thị Mỹ: KỸ NĂNG, Quý — Thuý Kiều; sky, Đà Nẵng") == (
        "le thi mi: ki nang, qui — thuy kieu; sky, da nang")
    assert fold("Sa\u0301ch") == "sach" and fold("") == fold(None) == ""


def test_engine_dictionary_comes_from_the_rules():
    assert SPELLINGS["kỹ"] == "kĩ" and SPELLINGS["hòa"] == "hoà" and SPELLINGS["ky"] == "ki"
    assert "huy" not in SPELLINGS and "yêu" not in SPELLINGS and "hoà" not in SPELLINGS
    assert all(spelling(word) == spelled for word, spelled in SPELLINGS.items())
    mappings = dict(rule.split(" => ") for rule in nfc_mappings())
    assert mappings["a\u0302\u0301"] == mappings["â\u0301"] == "ấ"
    assert mappings["A\u0323\u0302"] == mappings["A\u0302\u0323"] == "Ậ"


def analyzed(engine, analyzer, text):
    response = engine.es.indices.analyze(
        index=f"{engine.index_prefix}wagtailcore_page",
        body={"analyzer": analyzer, "text": text})
    return [(token["token"], token["position"]) for token in response["tokens"]]


@pytest.mark.django_db
def test_the_engine_analyses_as_python_does(add_pages, engine):
    add_pages("Trang")  # the page index, with our analysis
    words = sorted({word for pair in SAME + APART + OTHER_DIACRITICS for word in pair})
    text = " ".join(words)
    assert analyzed(engine, "vi_folded", text) == [
        (fold(word), position) for position, word in enumerate(words)]
    expected = []
    for position, word in enumerate(words):
        written = unicodedata.normalize("NFC", word).lower()
        spelled = spelling(written)
        forms = [written, VARIANT_MARK + spelled if not spelled.isascii() else spelled,
                 fold(written)]
        expected += [(form, position) for form in dict.fromkeys(forms)]
    assert sorted(analyzed(engine, "default", text)) == sorted(expected)
    assert analyzed(engine, "vi_exact", "KY\u0303 Hòa") == [("kỹ", 0), ("hòa", 1)]

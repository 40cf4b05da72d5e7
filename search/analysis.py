"""Vietnamese text analysis: one set of spelling rules for the engine and for Python.

Every search path folds the same way: the engines' indexes (through :data:`INDEX_SETTINGS`,
given to the Wagtail backends and to the catalogue's own index) and the database searches
(:func:`fold`, for ``Record.search_text``, the OPAC's fallback and the pages' database backend).

**Unicode.** Text is NFC before anything else: :func:`clean_query` for readers' input, the
``vi_nfc`` character filter (every decomposed or half-composed Vietnamese letter mapped to its
precomposed form) in the engine, where some MARC sources send NFD.

**Folding.** Lowercase, no diacritics, ``đ`` → ``d``: "sach" finds "Sách".

**i and y.** Y is only interchangeable with i where both spellings are accepted, and the rule
is orthography, not a blanket swap. The Ministry of Education's rules of 30/11/1980 and
Decision 240/QĐ of 5/3/1984 (continued by Decision 1989/QĐ-BGDĐT of 25/5/2018, article 9) write
a syllable whose rime is the vowel i alone with i after an initial consonant (hi sinh, kĩ
thuật, lí luận, mĩ thuật, bác sĩ, tỉ lệ), but for uy (duy, tuy, quy…); a y or i standing alone
or opening a syllable keeps its old spelling (ý nghĩa, y tế, ỉ eo, im, yêu); proper names keep
theirs (Nguyễn Văn Vỹ, Thy Ngọc). The older habit, after Đào Duy Anh's Hán Việt từ điển (1931),
wrote y in Sino-Vietnamese words after h, k, l, m, t and qu ("học mau lên kẻo ta quên"); both
are in print and in catalogues (Vietnamese Wikipedia, "Chính tả tiếng Việt" and the talk page
"I ngắn và Y dài"). Hence, here, y is read as i only when it is

* the whole rime after ``h k l m t`` (hy/hi, kỹ/kĩ, lý/lí, mỹ/mĩ, tỷ/tỉ), or after ``n s v d th``
  where proper names write y (Ny, Sỹ, Vy, Dy, Thy) — :data:`Y_AS_I_AFTER`;
* after ``qu`` alone or before a final t (quý/quí, quỹ/quĩ, quýt/quít) — :data:`Y_AS_I_AFTER_QU`.

Never elsewhere: y opening a syllable (yêu, yến), the y of uy after a consonant (Huy ≠ hui, thuý
≠ thúi, tuỷ ≠ tủi), the y of uya/uyê/uynh (khuya, tuyết, Nguyễn, quyển, quỳnh), a y standing
alone (ý ≠ í). The test table is ``search/tests/test_spelling_rules.py``.

**Tone placement.** In an open syllable ending in oa, oe or uy, the tone mark is written on the
first vowel (hòa, khỏe, thủy: the older, "aesthetic" placement keyboards still default to) or on
the main vowel (hoà, khoẻ, thuỷ: the placement of the 1980s rules). Both are matched as the
latter; a tone typed on the u of qu goes to the vowel after it (qúy → quý).

**What an index holds.** For every word, at one position: the word as written (lowercase NFC,
"hòa"), its spelling by the rules above with diacritics marked with a leading ``~`` ("~hoà", so
that it never equals a written word) and folded by the rules ("hoa"). A query is analysed the
same way, so a record spelled as typed matches three forms, a record in the other accepted
spelling two, a record that differs in a diacritic one: "hòa" ranks "hòa" above "hoà" above
"hóa", and "kĩ năng" ranks "Kỹ năng" as "Kĩ năng" (above "Kì năng"). Only the three engine
analyzers the catalogue needs more of are added: ``vi_exact`` (as written) and ``vi_folded``
(folded only). Everything is in OpenSearch's and Elasticsearch's ``analysis-common``
(``mapping``, ``stemmer_override``, ``pattern_replace``, ``multiplexer``, ``asciifolding``);
the rules are generated from the tables here, so Python and the engine cannot drift apart.
"""

import re
import unicodedata
from itertools import permutations

# Tone marks (huyền, sắc, hỏi, ngã, nặng) as combining characters; the other marks of Vietnamese
# (breve, circumflex, horn) make letters of their own (ă, â, ơ…).
TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
Y_AS_I_AFTER = ("h", "k", "l", "m", "t", "n", "s", "v", "d", "th")
Y_AS_I_AFTER_QU = ("y", "yt")
TONE_ON_SECOND = ("oa", "oe", "uy")
# The vowels and the letter marks they take, for the NFC mapping of the engine.
VOWEL_MARKS = {"a": "\u0306\u0302", "e": "\u0302", "i": "", "o": "\u0302\u031b", "u": "\u031b",
               "y": ""}
VARIANT_MARK = "~"


def _untoned(word):
    """``(letters, tone, index)``: the word's letters without their tone mark, the tone mark
    (``""`` for none) and the index of the letter that carried it; ``None`` for two marks."""
    letters, tone, at = [], "", -1
    for char in unicodedata.normalize("NFD", word):
        if char in TONE_MARKS:
            if tone or not letters:
                return None
            tone, at = char, len(letters) - 1
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    return [unicodedata.normalize("NFC", letter) for letter in letters], tone, at


def spelling(word):
    """The one spelling a syllable (lowercase NFC) is matched by, diacritics kept: y as i
    where both are written, the tone on the main vowel ("kỹ" → "kĩ", "hòa" → "hoà")."""
    parts = _untoned(word)
    if parts is None:
        return word
    letters, tone, at = parts
    plain = "".join(letters)
    onset = next((onset for onset in ONSETS if plain.startswith(onset)), "")
    rime = plain[len(onset):]
    if (rime == "y" and onset in Y_AS_I_AFTER) or (onset == "qu" and rime in Y_AS_I_AFTER_QU):
        letters[len(onset)] = "i"
    if onset == "qu" and at == 1 and rime in {*Y_AS_I_AFTER_QU, "i", "it"}:
        at = 2
    elif rime in TONE_ON_SECOND and onset != "qu" and tone:
        at = len(onset) + 1
    if tone:
        letters[at] = unicodedata.normalize("NFC", letters[at] + tone)
    return "".join(letters)


def _toned(plain, tone, at):
    return unicodedata.normalize("NFC", plain[:at + 1] + tone + plain[at + 1:])


def _spellings_the_rules_change():
    """Every written form the rules can change: the three rimes with the tone on either vowel
    after any initial, the y rimes with any tone."""
    for onset in ("", *ONSETS):
        for rime in TONE_ON_SECOND if onset != "qu" else ():
            for tone in TONE_MARKS:
                yield from (_toned(onset + rime, tone, len(onset) + at) for at in (0, 1))
    for onset in Y_AS_I_AFTER:
        yield from (_toned(onset + "y", tone, len(onset)) for tone in ("", *TONE_MARKS))
    for rime in (*Y_AS_I_AFTER_QU, "i", "it"):
        for tone in ("", *TONE_MARKS):
            yield from (_toned("qu" + rime, tone, at) for at in (1, 2))


def spelling_table():
    """``{written: spelling}`` for every syllable :func:`spelling` changes (the engine's
    ``vi_spelling`` dictionary)."""
    table = {word: spelling(word) for word in _spellings_the_rules_change()}
    return {word: spelled for word, spelled in sorted(table.items()) if word != spelled}


def _precomposed_letters():
    for vowel, marks in VOWEL_MARKS.items():
        for letter_mark in ("", *marks):
            for tone in ("", *TONE_MARKS):
                letter = unicodedata.normalize("NFC", vowel + letter_mark + tone)
                if letter_mark or tone:
                    yield from (letter, letter.upper())


def nfc_mappings():
    """The engine's ``vi_nfc`` mapping: each Vietnamese letter's decomposed and half-composed
    forms (a + ̂ + ́, â + ́, the marks in either order) → the precomposed letter."""
    rules = []
    for letter in _precomposed_letters():
        base, *marks = unicodedata.normalize("NFD", letter)
        found = set()
        for order in permutations(marks):
            for composed in range(len(order)):
                written = unicodedata.normalize("NFC", base + "".join(order[:composed]))
                written += "".join(order[composed:])
                if unicodedata.normalize("NFC", written) == letter:
                    found.add(written)
        rules += [f"{written} => {letter}" for written in sorted(found)]
    return rules


SPELLINGS = spelling_table()
ANALYSIS = {
    "char_filter": {"vi_nfc": {"type": "mapping", "mappings": nfc_mappings()}},
    "filter": {
        "vi_spelling": {
            "type": "stemmer_override",
            "rules": [f"{word} => {spelled}" for word, spelled in SPELLINGS.items()],
        },
        # A leading "~" on a spelling with diacritics, so that it never equals a written word.
        "vi_variant_mark": {"type": "pattern_replace", "pattern": "^(?=.*[^\\x00-\\x7F])",
                            "replacement": VARIANT_MARK, "all": False},
        # The word as written, its spelling marked, its folded spelling, at one position.
        "vi_folding": {"type": "multiplexer", "preserve_original": True, "filters": [
            "vi_spelling, vi_variant_mark", "asciifolding, vi_spelling",
        ]},
        # The word as written and folded: prefixes (autocomplete) need no more.
        "vi_prefix_folding": {"type": "multiplexer", "preserve_original": True,
                              "filters": ["asciifolding, vi_spelling"]},
    },
}


def _analyzer(*filters):
    return {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_nfc"],
            "filter": ["lowercase", *filters]}


INDEX_SETTINGS = {"settings": {"analysis": {**ANALYSIS, "analyzer": {
    # "default" is used by every text field without an explicit analyzer.
    "default": _analyzer("vi_folding"),
    "vi_search": _analyzer("vi_prefix_folding"),
    "edgengram_analyzer": _analyzer("vi_prefix_folding", "edgengram"),
    "ngram_analyzer": _analyzer("vi_prefix_folding", "ngram"),
    # The words as written (lowercase NFC): the catalogue ranks exact words and suggests them.
    "vi_exact": _analyzer(),
    # The words folded only: what the catalogue matches.
    "vi_folded": _analyzer("asciifolding", "vi_spelling"),
}}}}

AUTOCOMPLETE_MAPPING = {"analyzer": "edgengram_analyzer", "search_analyzer": "vi_search"}

MAX_QUERY_LENGTH = 200
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_COMBINING = re.compile("[\u0300-\u036f]")
_FOLDED_SPELLINGS = {word: spelled for word, spelled in SPELLINGS.items() if word.isascii()}
_FOLDED_WORD = re.compile(
    "\\b(?:" + "|".join(sorted(_FOLDED_SPELLINGS, key=len, reverse=True)) + ")\\b")


def clean_query(text):
    """Return reader input as NFC text without control characters, at most 200 characters."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(_CONTROL_CHARACTERS.sub(" ", text).split())[:MAX_QUERY_LENGTH]


def fold(text):
    """Return ``text`` lowercased without diacritics and spelled by the rules ("Sách Đỏ" →
    "sach do", "Kỹ" → "ki"), as the engine's folded words; the database searches compare it."""
    text = (text or "").replace("đ", "d").replace("Đ", "d")  # str.translate is slower
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return _FOLDED_WORD.sub(lambda word: _FOLDED_SPELLINGS[word.group()], text.lower())

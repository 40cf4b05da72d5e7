"""Vietnamese text analysis: one index definition for OpenSearch and Elasticsearch.

Every text field folds diacritics (``đ`` → ``d`` included) while keeping the
original token at the same position, so "sach" finds "Sách" and an exact
"sách" ranks "Sách" above "sạch". Text is NFC both when indexed and queried.
"""

import re
import unicodedata

FOLDING_FILTER = {"type": "asciifolding", "preserve_original": True}
FOLDING_CHAIN = ["lowercase", "vi_folding"]

INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {"vi_folding": FOLDING_FILTER},
            "analyzer": {
                # "default" is used by every text field without an explicit analyzer.
                "default": {"type": "custom", "tokenizer": "standard", "filter": FOLDING_CHAIN},
                "vi_search": {"type": "custom", "tokenizer": "standard", "filter": FOLDING_CHAIN},
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [*FOLDING_CHAIN, "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [*FOLDING_CHAIN, "ngram"],
                },
            },
        }
    }
}

AUTOCOMPLETE_MAPPING = {"analyzer": "edgengram_analyzer", "search_analyzer": "vi_search"}

MAX_QUERY_LENGTH = 200
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_COMBINING = re.compile("[\u0300-\u036f]")


def clean_query(text):
    """Return reader input as NFC text without control characters, at most 200 characters."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(_CONTROL_CHARACTERS.sub(" ", text).split())[:MAX_QUERY_LENGTH]


def fold(text):
    """Return ``text`` lowercased without diacritics ("Sách Đỏ" → "sach do"), as the folding
    analyzers index it; the database search compares folded text."""
    text = (text or "").replace("đ", "d").replace("Đ", "d")  # str.translate is slower
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()

"""schema.org's description of a record (JSON-LD) for search engines: a ``Book`` or another
``CreativeWork``, with an offer per branch saying whether a copy is on the shelf."""

import json

from catalogue.choices import HoldingStatus, MaterialType

TYPES = {MaterialType.BOOK: "Book", MaterialType.SERIAL: "Periodical", MaterialType.MAP: "Map",
         MaterialType.MANUSCRIPT: "Manuscript"}
# MARC language codes → BCP 47 (the languages the OPAC names; others keep their MARC code)
LANGUAGES = {"vie": "vi", "eng": "en", "fre": "fr", "chi": "zh", "rus": "ru", "jpn": "ja",
             "kor": "ko", "ger": "de"}
AVAILABILITY = "https://schema.org/"
LEASE_OUT = "http://purl.org/goodrelations/v1#LeaseOut"  # lending, as libraries offer


def _offer(branch, copies):
    """An offer of a branch's copies: in stock if one is on the shelf, in the library only if
    one may be read there, else out of stock (until the first copy on loan is due back)."""
    statuses = {copy.status for copy in copies}
    offer = {"@type": "Offer", "businessFunction": LEASE_OUT,
             "availableAtOrFrom": {"@type": "Library", "name": branch}}
    if HoldingStatus.AVAILABLE in statuses:
        offer["availability"] = f"{AVAILABILITY}InStock"
    elif HoldingStatus.REFERENCE in statuses:
        offer["availability"] = f"{AVAILABILITY}InStoreOnly"
    else:
        offer["availability"] = f"{AVAILABILITY}OutOfStock"
        due = sorted(copy.due_date for copy in copies if copy.due_date)
        if due:
            offer["availabilityStarts"] = due[0].isoformat()
    return offer


def offers(holdings, library_name):
    """One offer per branch (copies without a branch belong to the library itself)."""
    branches = {}
    for copy in holdings:
        branches.setdefault(copy.branch or library_name, []).append(copy)
    return [_offer(branch, copies) for branch, copies in branches.items()]


def description(record, url, image="", library_name=""):
    """The JSON-LD object of ``record`` (its page at ``url``, its cover at ``image``)."""
    kind = TYPES.get(record.material_type, "CreativeWork")
    data = {
        "@context": "https://schema.org", "@type": kind, "@id": url, "url": url,
        "name": record.full_title,
        "author": [{"@type": "Person", "name": name} for name in record.author_names],
        "publisher": {"@type": "Organization", "name": record.publisher}
        if record.publisher else None,
        "datePublished": str(record.year) if record.year else None,
        "inLanguage": LANGUAGES.get(record.language, record.language) or None,
        "about": [{"@type": "Thing", "name": subject} for subject in record.subjects],
        "description": record.summary or None, "image": image or None,
        "bookEdition": record.edition or None if kind == "Book" else None,
        "isbn": record.isbns if kind == "Book" else None,
        "issn": record.issns if kind == "Periodical" else None,
        "offers": offers(record.holdings.all(), library_name),
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def script(data):
    """``data`` as JSON for a ``<script type="application/ld+json">`` (``</script>`` cannot
    end it early)."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

"""New acquisitions ("Sách mới"): the newest records, filtered like the OPAC, as a list page and
Atom/RSS feeds."""

"""The catalogue's plumbing: folding for the database search, its search index, its demo data."""

"""The OPAC: readers' catalogue search (engine with a database fallback), record pages, API."""

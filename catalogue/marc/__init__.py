"""MARC21 for the catalogue: reading files (pymarc), mapping to records, import and export."""

"""Fixtures for the library tests."""

from base.testing import temporary_media_root  # noqa: F401
from catalogue.tests.conftest import catalogue_index  # noqa: F401 -- books link to records

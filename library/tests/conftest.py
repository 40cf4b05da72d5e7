"""Fixtures for the library tests."""

from home.testing import temporary_media_root  # noqa: F401

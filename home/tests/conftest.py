"""Fixtures for the home tests."""

from base.testing import temporary_media_root  # noqa: F401

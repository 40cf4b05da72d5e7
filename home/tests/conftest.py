"""Fixtures for the home tests."""

from home.testing import temporary_media_root  # noqa: F401

"""Fixtures for the articles tests."""

from home.testing import temporary_media_root  # noqa: F401

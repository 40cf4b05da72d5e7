"""Fixtures for the articles tests."""

from base.testing import temporary_media_root  # noqa: F401

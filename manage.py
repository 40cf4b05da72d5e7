#!/usr/bin/env python
"""Django's command-line utility for the library CMS."""

import os
import sys


def main():
    """Run a management command; a configuration error is one line, not a traceback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_cms.settings.dev")
    from django.core.management import execute_from_command_line

    from library_cms.config import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        sys.exit(f"Lỗi cấu hình / configuration error: {exc}")


if __name__ == "__main__":
    main()

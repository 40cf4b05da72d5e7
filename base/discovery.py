"""Find a module of the same name in every app of this project (``api``, ``demo``…).

The project assembles what its apps offer without a central list: an app joins the API or the
demo content by having the module.
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_app_modules(module_name):
    """Yield ``<app>.<module_name>`` of every installed app of this project that has it, in
    ``INSTALLED_APPS`` order (ours go from the bottom layer up)."""
    for config in apps.get_app_configs():
        if Path(config.path).parent != settings.BASE_DIR:
            continue
        name = f"{config.name}.{module_name}"
        try:
            yield import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise

"""The page indexes in the engine (Wagtail's, one per root model: pages, images, documents):
made with our mapping, and checked against it.

Every index a backend of ``search.backends`` creates carries, in its mapping's ``_meta``, the
version of what it must hold (:func:`schema_version`: a digest of the analysis settings of
``search.analysis`` and of every indexed model's mapping). An index that is missing, was
created by the engine itself (no version) or holds another version is not current:
``/healthz`` reports it, and ``manage.py update_index --if-outdated`` (run by ``make serve``)
rebuilds the indexes.
"""

import hashlib
import json
from functools import cache

from modelsearch.index import get_indexed_models

from search.engine import alias_exists, local_read, mappings_behind, search_backend

SCHEMA_KEY = "library_cms_schema"


@cache
def schema_version(backend_class):
    """The digest of the analysis and the models' mappings a ``backend_class`` index holds."""
    mappings = {model._meta.label: backend_class.mapping_class(model).get_mapping()
                for model in get_indexed_models()}
    analysis = backend_class.settings["settings"]["analysis"]
    payload = json.dumps([analysis, mappings], sort_keys=True, default=str)
    return hashlib.sha1(payload.encode()).hexdigest()[:16]


def schema_meta(backend_class):
    """The ``mappings`` part of an index's creation body that records its version."""
    return {"_meta": {SCHEMA_KEY: schema_version(backend_class)}}


def index_states(backend=None):
    """``{index name without the prefix: "ok" | "missing" | "outdated"}`` of the engine's page
    indexes; ``{}`` with the database backend."""
    backend = backend or search_backend()
    if backend is None:
        return {}
    version = schema_version(type(backend))
    names = sorted({backend.get_index_for_model(model).name for model in get_indexed_models()})
    return {name.removeprefix(backend.index_prefix): _state(backend.es, name, version)
            for name in names}


def _state(es, name, version):
    if not alias_exists(es, name) and not es.indices.exists(index=name, **local_read(es)):
        return "missing"
    current = all(mappings.get("_meta", {}).get(SCHEMA_KEY) == version
                  for mappings in mappings_behind(es, name).values())
    return "ok" if current else "outdated"

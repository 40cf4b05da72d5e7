"""OAI-PMH: the provider at ``/oai`` and the harvester (``harvest_oai``)."""

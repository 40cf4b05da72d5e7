"""SRU 1.2 and 2.0 (``/sru``): explain and searchRetrieve with CQL, on the catalogue's index."""

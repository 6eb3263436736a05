"""Passes over stored results that look across articles. The corpus pass (``corpus.py``)
builds them all from the store's per-article items, reading only; the incremental event
linking (``incremental.py``, ``conflictlens crossdoc``) is the one that writes. None runs stages."""

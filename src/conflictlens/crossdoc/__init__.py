"""Passes over stored results that look across articles (alias merging; later clusters and
contradictions). They read the store's per-article items and never run stages."""

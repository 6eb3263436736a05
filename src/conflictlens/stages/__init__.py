"""One module per pipeline stage. Each exposes NAME, VERSION and ``run`` (one article) or
``run_batch`` (a list of articles); ``pipeline`` decides the order."""

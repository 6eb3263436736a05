"""One module per evaluation suite, each exposing ``run(data_dir, limit, settings)``.

``seeds`` and ``boilerplate`` are written separately; ``evaluate/__init__.py`` imports every
suite lazily, so a missing one does not stop the others.
"""

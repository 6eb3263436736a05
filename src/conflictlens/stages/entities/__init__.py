"""Entity resolution helpers: person-name alias matching (``aliases``, ``names``)."""

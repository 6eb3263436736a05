"""Engines that run the pipeline over many articles: in this process or a local process pool
(``api.analyze``), or partitioned across a Dask cluster (``engine.dask``). Each partition runs
``engine.worker.run_partition``; the shared database (or a Parquet dataset) collects the results.
"""

ENGINES = ("local", "dask")

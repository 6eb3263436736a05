"""The Dask engine: partitions of the input processed across a Dask distributed cluster.

``run`` connects to a scheduler (``tcp://host:port``) or starts a ``LocalCluster`` of N
worker processes with one thread each. The client reads the inputs, cuts them into
partitions of ``batch_size`` documents and keeps at most two partitions per worker in
flight (so memory stays flat, whatever the input size). Each worker runs
``engine.worker.run_partition``: it loads the spaCy pipeline and the gazetteer once, skips
articles already stored, runs the stages and writes to PostgreSQL or Parquet itself; with
SQLite it sends the articles back and the client writes them, one transaction each.

A worker that dies mid-partition loses nothing committed: the scheduler runs the partition
again elsewhere and stored articles are found by their content hash.

Dask workers sample their own stacks every 10 ms by default (the dashboard's profile);
on a CPU-bound pipeline that costs about a quarter of the throughput
(``benchmarks/scaling.py``), so the local cluster runs with it off, and with its memory
and system monitors and event-loop watchdog polling less often (``LOCAL_CLUSTER_CONFIG``:
a partition takes seconds, so sub-second monitoring only takes CPU from the workers).
Workers of an existing cluster keep their own configuration; docs/scaling.md gives the
same settings for them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from ..errors import ConfigError
from ..model import RawDocument, Skipped
from ..settings import Settings
from .worker import PartitionResult, Target, run_partition

log = logging.getLogger(__name__)

#: Dask configuration for a LocalCluster (the nannies pass it on to the worker processes).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "500ms",
}


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError("the dask engine needs dask.distributed",
                          hint="pip install 'dask[distributed]'") from exc
    # Dask sets its own loggers to INFO on import; follow the application's level instead.
    logging.getLogger("distributed").setLevel(max(logging.getLogger().getEffectiveLevel(), logging.INFO))
    return distributed


def partitions(items: Iterable[RawDocument | Skipped], size: int,
               skipped: Callable[[Skipped], None]) -> Iterator[tuple[str, list[RawDocument]]]:
    """(partition name, documents); input skips go straight to ``skipped``. The name is a
    hash of the sources, so a re-run writes the same Parquet part files."""
    pending: list[RawDocument] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped(item)
            continue
        pending.append(item)
        if len(pending) >= size:
            yield _name(pending), pending
            pending = []
    if pending:
        yield _name(pending), pending


def _name(raws: list[RawDocument]) -> str:
    return hashlib.sha256("\n".join(r.source for r in raws).encode()).hexdigest()[:16]


def run(items: Iterable[RawDocument | Skipped], settings: Settings, target: Target,
        on_result: Callable[[PartitionResult], None], skipped: Callable[[Skipped], None], *,
        scheduler: str | None = None, workers: int = 2) -> dict[str, Any]:
    """Process every document on the cluster; returns the cluster's size and workers' memory."""
    distributed = _distributed()
    import dask

    with ExitStack() as stack:
        if scheduler is None:
            from ..lang.gazetteer import load_gazetteer

            stack.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))

            load_gazetteer(settings)  # build it once here, before the local workers race to build it
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                scheduler_kwargs={"dashboard": False}, silence_logs=logging.ERROR))
            client = stack.enter_context(distributed.Client(cluster))
        else:
            client = stack.enter_context(distributed.Client(scheduler, timeout="30s"))
        size = max(1, len(client.scheduler_info().get("workers", {})))
        peaks: dict[str, float] = {}
        queue = distributed.as_completed()
        in_flight = 0

        def collect(future: Any) -> None:
            result: PartitionResult = future.result()
            peaks[str(result.pid)] = max(peaks.get(str(result.pid), 0.0), result.peak_rss_mb)
            on_result(result)

        for name, raws in partitions(items, settings.batch_size, skipped):
            queue.add(client.submit(run_partition, raws, settings, target, name, pure=False))
            in_flight += 1
            while in_flight >= 2 * size:
                collect(next(queue))
                in_flight -= 1
        for future in queue:
            collect(future)
    return {"workers": size, "peak_rss_mb": peaks}

"""The same extraction on a Dask cluster (``--dask tcp://HOST:8786`` or ``--dask local``).

Tasks are batches of files (``tradefig.parallel``), submitted through the cluster's
``concurrent.futures`` executor with a bounded window and gathered in input order, so the rows
are those of a local run, in the same order. Workers read the files themselves: the paths must
be visible to every worker at the same place (a shared or synced filesystem), as with
``dask.dataframe.read_csv``; stdin and very large inputs are read here and shipped as text.

``dask[distributed]`` is an optional extra: ``pip install 'tradefig[dask]'``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tradefig.errors import OutputError, TradefigError
from tradefig.parallel import Job, Result, Task, run
from tradefig.table import Column, Row

PART_ROWS = 200_000  # rows per file of a partitioned dataset


def _connect(address: str) -> tuple[Any, Any]:
    """A client for ``address`` and the LocalCluster it started (None for a remote cluster)."""
    import importlib

    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise TradefigError("--dask needs dask: pip install 'tradefig[dask]'") from None
    if address == "local":
        cluster = distributed.LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout=30), None
    except OSError as error:
        raise TradefigError(f"cannot reach the Dask scheduler at {address}: {error}") from None


def dask_results(tasks: Iterable[Task], job: Job, address: str) -> Iterator[Result]:
    """Results of ``tasks`` computed on the cluster at ``address``, in input order."""
    client, cluster = _connect(address)
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield from run(tasks, job, jobs=workers, executor=client.get_executor())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_dataset(rows: Iterable[Row], columns: tuple[Column, ...], folder: str) -> int:
    """A partitioned Parquet dataset: ``part-00000.parquet``, … in row order, written as rows
    come (``pandas.read_parquet(folder)`` and ``pyarrow.dataset`` read it back whole)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tradefig.table import arrow_schema

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.glob("part-*.parquet")):
        raise OutputError(f"{folder}: already holds a dataset (part-*.parquet); name a new folder")
    schema = arrow_schema(columns)
    count = 0
    part = 0
    batch: list[Row] = []

    def flush() -> None:
        nonlocal part
        temp = target / f".part-{part:05d}.parquet.tmp"
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        pq.write_table(pa.Table.from_pylist(batch, schema=schema), temp)
        temp.replace(target / f"part-{part:05d}.parquet")
        part += 1
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= PART_ROWS:
            flush()
    if batch or part == 0:
        flush()
    return count

"""The Dask engine writes the rows of a local run (skipped without dask installed)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tradefig.dask_engine import dask_results, write_dataset
from tradefig.parallel import Job, plan, run
from tradefig.table import COLUMNS

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"
SMALL = [str(p) for p in sorted(ARTICLES.glob("*.txt")) if p.stat().st_size < 60_000]


def test_a_local_cluster_with_two_workers_gives_the_local_rows(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    local = [r for res in run(plan(SMALL, ("*.txt",)), Job(), jobs=1) for r in res.rows]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        address = client.scheduler.address
        on_dask = [r for res in dask_results(plan(SMALL, ("*.txt",)), Job(), address) for r in res.rows]
    assert on_dask == local
    assert local

    import pandas as pd

    write_dataset(iter(on_dask), COLUMNS, str(tmp_path / "out"))
    frame = pd.read_parquet(tmp_path / "out")
    assert list(frame["start"]) == [r["start"] for r in local]

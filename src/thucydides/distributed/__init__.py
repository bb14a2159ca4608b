"""Distributed runs on Dask (``dask.distributed``): the local coding path, in parallel, into a Parquet dataset.

A thin shell over :mod:`thucydides.api` and :mod:`thucydides.dataset`: the inputs are split into parts
(:mod:`thucydides.ingest.parts`), each Dask task codes one part with the same ``code_documents`` the CLI
uses (:mod:`.worker`), and the client follows the tasks and sums them up (:mod:`.run`).

    from thucydides.distributed import Settings, dask_client, run
    with dask_client(workers=2) as client:          # or dask_client("tcp://scheduler:8786")
        summary = run(["corpus/"], "out/", client, Settings())
    print(summary.line())

``thucydides load out/ --db URL`` then bulk-loads the dataset into a ledger.
"""

from thucydides.distributed.run import RunSummary, dask_client, run
from thucydides.distributed.worker import PartResult, Settings

__all__ = ["PartResult", "RunSummary", "Settings", "dask_client", "run"]

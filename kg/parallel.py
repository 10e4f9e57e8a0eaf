"""Run a function over a stream of batches: in this process, on local worker processes, or on an
existing dask.distributed cluster. The only module that imports dask.

Batches are submitted a few at a time and results are handed back as they complete, so memory
holds a bounded number of batches whatever the length of the stream.
"""
from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any, TypeVar

from .errors import KgError

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 2
_QUIET_WORKERS = {"DASK_LOGGING__DISTRIBUTED": "error"}


class ClusterError(KgError):
    """The Dask cluster cannot be started or reached, or a worker died."""


class Pool:
    """`with Pool(workers, scheduler) as pool: for result in pool.map(fn, batches): ...`

    workers == 1 and no scheduler: the function runs here, without Dask. workers > 1: a local Dask
    cluster of that many single-threaded processes. scheduler ("tcp://HOST:PORT"): the workers of
    that cluster, which must have kg installed.
    """

    def __init__(self, workers: int = 1, scheduler: str | None = None, timeout: float = 10.0) -> None:
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.timeout = timeout
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> Pool:
        return self

    def _start(self) -> Any:
        """The Dask client, started on first use: a build with nothing to do starts no cluster."""
        if self._client is None:
            logging.getLogger("distributed").setLevel(logging.ERROR)  # stderr is for kg's own progress
            if self.scheduler:
                self._client = _connect(self.scheduler, self.timeout)
                self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
            else:
                self._cluster, self._client = _local_cluster(self.workers)
        return self._client

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    @property
    def distributed(self) -> bool:
        return self.workers > 1 or self.scheduler is not None

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        """fn(batch) for every batch, in completion order."""
        if not self.distributed:
            return map(fn, batches)
        return self._stream(fn, iter(batches))

    def map_isolated(self, fn: Callable[[T], R], batches: Iterable[T], recycle: int) -> Iterator[R]:
        """fn(batch) for every batch, in order; here, in a child process replaced after every
        `recycle` batches, so that a library whose memory fragments (pyshacl's graphs) cannot make
        a long run grow. On a cluster, like map: its workers are separate processes already."""
        if self.distributed:
            yield from self.map(fn, batches)
            return
        it = iter(batches)
        while (first := next(it, None)) is not None:
            # A new child for every `recycle` batches (not max_tasks_per_child, which can hang on
            # Python 3.11 when the child exits with work queued).
            yield from _in_child(fn, chain([first], islice(it, recycle - 1)))

    def _stream(self, fn: Callable[[T], R], batches: Iterator[T]) -> Iterator[R]:
        from distributed import as_completed

        first = next(batches, None)
        if first is None:
            return
        client = self._start()
        window = as_completed([client.submit(fn, first, pure=False)], loop=client.loop)
        for _ in range(self.workers * IN_FLIGHT_PER_WORKER - 1):
            if not self._submit(fn, batches, window):
                break
        for future in window:
            try:
                result = future.result()
            except Exception as exc:  # a worker died or could not import kg
                raise ClusterError(f"a Dask worker failed: {type(exc).__name__}: {exc}; check that kg is "
                                   "installed on every worker") from None
            future.release()
            self._submit(fn, batches, window)
            yield result

    def _submit(self, fn: Callable[[T], R], batches: Iterator[T], window: Any) -> bool:
        batch = next(batches, None)
        if batch is None:
            return False
        window.add(self._client.submit(fn, batch, pure=False))
        return True


def _in_child(fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
    """fn over batches in one fresh child process (spawned: fork would copy this process's memory
    and threads), a few submitted ahead."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        window: deque[Future[R]] = deque()
        for batch in batches:
            window.append(child.submit(fn, batch))
            if len(window) > IN_FLIGHT_PER_WORKER:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except (OSError, RuntimeError) as exc:  # the child process died (out of memory, killed)
        raise ClusterError(f"a worker process failed: {type(exc).__name__}: {exc}") from None


def _connect(scheduler: str, timeout: float) -> Any:
    from distributed import Client

    try:
        return Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc}): start one with "
                           "`dask scheduler` and workers with `dask worker`, or check the address") from None


def _local_cluster(workers: int) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    try:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.ERROR,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, env=_QUIET_WORKERS)
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise ClusterError(f"cannot start {workers} local Dask workers: {exc}") from None
    return cluster, Client(cluster, set_as_default=False)

"""Run a function over a stream of batches: in this process, on local worker processes, or on an
existing dask.distributed cluster. The only module that imports dask.

Local workers are a plain process pool, not a local Dask cluster: on two cores, a 1,000-article
build took 19.6 s with a cluster (its scheduler, nannies and messages) and 16.5 s with the pool.
Batches are submitted a few at a time and results are handed back as they complete, so memory
holds a bounded number of batches whatever the length of the stream.
"""
from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import chain, islice
from typing import Any, TypeVar

from .errors import KgError

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 2


class ClusterError(KgError):
    """The Dask cluster cannot be started or reached, or a worker died."""


class Pool:
    """`with Pool(workers, scheduler) as pool: for result in pool.map(fn, batches): ...`

    workers == 1 and no scheduler: the function runs here. workers > 1: that many local processes.
    scheduler ("tcp://HOST:PORT"): the workers of that dask.distributed cluster, which must have kg
    installed. `preload`: modules local processes have imported before their first batch.
    """

    def __init__(self, workers: int = 1, scheduler: str | None = None, timeout: float = 10.0,
                 preload: tuple[str, ...] = ()) -> None:
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.timeout = timeout
        self.preload = preload
        self._client: Any = None
        self._processes: ProcessPoolExecutor | None = None
        self._retiring: list[threading.Thread] = []  # processes exiting in the background

    def __enter__(self) -> Pool:
        return self

    def _start(self) -> Any:
        """The Dask client, connected on first use: a build with nothing to do needs no cluster."""
        if self._client is None:
            logging.getLogger("distributed").setLevel(logging.ERROR)  # stderr is for kg's own progress
            self._client = _connect(str(self.scheduler), self.timeout)
            self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        return self._client

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._processes is not None:
            self._processes.shutdown(cancel_futures=True)
        for retiring in self._retiring:
            retiring.join()
        self._client = self._processes = None
        self._retiring.clear()

    @property
    def distributed(self) -> bool:
        return self.workers > 1 or self.scheduler is not None

    @property
    def local_processes(self) -> bool:
        """The work runs in processes on this machine, which can read its files."""
        return self.workers > 1 and self.scheduler is None

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        """fn(batch) for every batch, in completion order."""
        if self.scheduler:
            return self._stream(fn, iter(batches))
        if self.workers > 1:
            return _windowed(self._local(), fn, batches, self.workers)
        return map(fn, batches)

    def map_isolated(self, fn: Callable[[T], R], batches: Iterable[T], recycle: int) -> Iterator[R]:
        """fn(batch) for every batch, in completion order, in local processes (one when workers
        is 1) replaced after every `recycle` batches each, so that a library whose memory fragments
        (pyshacl's graphs) cannot make a long run grow. On a cluster, like map: its workers are the
        cluster's to manage."""
        if self.scheduler:
            yield from self.map(fn, batches)
            return
        it = iter(batches)
        while (first := next(it, None)) is not None:
            # Replaced by hand, not with max_tasks_per_child, which can hang on Python 3.11 when a
            # process exits with work queued.
            yield from _windowed(self._local(), fn, chain([first], islice(it, recycle * self.workers - 1)),
                                 self.workers)
            self._retire()

    def _local(self) -> ProcessPoolExecutor:
        """The local processes, started on first use, like the cluster's client."""
        if self._processes is None:
            self._processes = _spawned(self.workers, self.preload)
        return self._processes

    def _retire(self) -> None:
        """Let the processes exit while the next ones start."""
        if self._processes is not None:
            retiring = threading.Thread(target=self._processes.shutdown, daemon=True)
            retiring.start()
            self._retiring.append(retiring)
            self._processes = None

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


def _spawned(workers: int, preload: tuple[str, ...]) -> ProcessPoolExecutor:
    """Fresh processes: not forked from this one, which would copy its memory and the store's threads,
    but from a server process that imported the `preload` modules once (each spawned process would
    import them again: a second of CPU); spawned where there is no fork server."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return ProcessPoolExecutor(workers, mp_context=context)


def _windowed(processes: ProcessPoolExecutor, fn: Callable[[T], R], batches: Iterable[T],
              workers: int) -> Iterator[R]:
    """fn over batches in the processes, a few per worker submitted ahead, in completion order."""
    window: set[Future[R]] = set()
    for batch in batches:
        window.add(processes.submit(fn, batch))
        if len(window) >= workers * IN_FLIGHT_PER_WORKER:
            done, window = wait(window, return_when=FIRST_COMPLETED)
            yield from (_result(future) for future in done)
    while window:
        done, window = wait(window, return_when=FIRST_COMPLETED)
        yield from (_result(future) for future in done)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except (OSError, RuntimeError) as exc:  # a worker process died (out of memory, killed)
        raise ClusterError(f"a worker process failed: {type(exc).__name__}: {exc}") from None


def _connect(scheduler: str, timeout: float) -> Any:
    from distributed import Client

    try:
        return Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc}): start one with "
                           "`dask scheduler` and workers with `dask worker`, or check the address") from None

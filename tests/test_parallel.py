"""kg.parallel and builds on Dask: a real scheduler and two worker processes on 127.0.0.1 build the
same graph as one process, and so do two local processes; batches stream through a bounded window."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_pipeline import article, clean_build, corpus, ntriples, write_corpus

from kg.parallel import IN_FLIGHT_PER_WORKER, ClusterError, Pool
from kg.pipeline import build


def square(x: int) -> int:
    return x * x


def fail(x: int) -> int:
    raise ValueError(f"no {x}")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A dask.distributed scheduler with two single-threaded worker processes, all on 127.0.0.1."""
    from distributed import LocalCluster

    scheduler = {"dashboard_address": "127.0.0.1:0"}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs=scheduler) as cluster:
        yield cluster.scheduler_address


def pid(x: int) -> int:
    return os.getpid()


def counted(n: int, pulled: list[int]) -> Iterator[int]:
    for i in range(n):
        pulled[0] += 1
        yield i


def test_local_pool_gets_every_result_from_its_processes_and_keeps_a_bounded_window() -> None:
    pulled, ahead, results = [0], [], []
    with Pool(2) as pool:
        for result in pool.map(square, counted(20, pulled)):
            results.append(result)
            ahead.append(pulled[0] - len(results))
        assert pool.distributed and set(pool.map(pid, range(4))) - {os.getpid()}
    assert sorted(results) == [i * i for i in range(20)]
    assert max(ahead) <= 2 * IN_FLIGHT_PER_WORKER


def test_local_pool_runs_isolated_batches_in_processes_replaced_every_few_batches() -> None:
    with Pool(2) as pool:
        pids = list(pool.map_isolated(pid, range(8), recycle=2))
    assert len(pids) == 8 and os.getpid() not in pids
    assert len(set(pids)) > 2  # four batches per pair of processes: two pairs at least


def test_local_processes_have_the_preloaded_modules_before_their_first_batch(tmp_path: Path) -> None:
    """In a fresh interpreter: the fork server, started once, keeps the preload it was started with."""
    code = ("from kg.parallel import Pool\n"
            "from kg.lexicon import lexicon\n"
            "def loaded(_):\n"
            "    return lexicon.cache_info().currsize\n"
            "if __name__ == '__main__':\n"
            "    with Pool(2, preload=('kg.worker',)) as pool:\n"
            "        print(sorted(pool.map(loaded, range(4))))\n")
    (tmp_path / "preload.py").write_text(code)  # a file: the processes import the function from it
    done = subprocess.run([sys.executable, str(tmp_path / "preload.py")], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == "[1, 1, 1, 1]"


def test_a_failing_task_in_a_local_process_raises_its_error() -> None:
    with Pool(2) as pool, pytest.raises(ValueError, match="no [012]"):
        list(pool.map(fail, [0, 1, 2]))


def test_in_process_pool_maps_in_order_without_dask() -> None:
    with Pool(1) as pool:
        assert not pool.distributed
        assert list(pool.map(square, [1, 2, 3])) == [1, 4, 9]


def test_cluster_pool_gets_every_result_and_keeps_a_bounded_window(scheduler: str) -> None:
    pulled = [0]

    def batches() -> Iterator[int]:
        for i in range(20):
            pulled[0] += 1
            yield i

    with Pool(scheduler=scheduler) as pool:
        ahead = []
        results = []
        for result in pool.map(square, batches()):
            results.append(result)
            ahead.append(pulled[0] - len(results))
        assert pool.workers == 2
    assert sorted(results) == [i * i for i in range(20)]
    assert max(ahead) <= 2 * IN_FLIGHT_PER_WORKER


def test_a_failing_task_is_a_cluster_error(scheduler: str) -> None:
    with Pool(scheduler=scheduler) as pool, pytest.raises(ClusterError, match="no 1"):
        list(pool.map(fail, [1]))


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Pool(scheduler=f"tcp://127.0.0.1:{port}", timeout=1) as pool, \
            pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        list(pool.map(square, [1]))


def test_build_on_a_dask_cluster_equals_the_single_process_build(scheduler: str, tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(9))
    single = build([str(inputs)], tmp_path / "single")
    spread = build([str(inputs)], tmp_path / "spread", scheduler=scheduler, batch_size=2)
    assert spread.documents == single.documents and spread.counts == single.counts
    assert ntriples(tmp_path / "spread") == ntriples(tmp_path / "single")
    assert (tmp_path / "spread" / "graph.ttl").read_bytes() == \
        (tmp_path / "single" / "graph.ttl").read_bytes()
    assert spread.violations == single.violations
    changed = corpus(9, **{"a3.txt": article(3, deputy="Đỗ Văn Chiến")})
    write_corpus(inputs, changed)
    again = build([str(inputs)], tmp_path / "spread", scheduler=scheduler, batch_size=2)
    assert again.documents["changed"] == 1
    assert ntriples(tmp_path / "spread") == ntriples(clean_build(changed, tmp_path))


def test_build_with_two_local_workers_equals_the_single_process_build(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(4))
    build([str(inputs)], tmp_path / "single")
    build([str(inputs)], tmp_path / "local", workers=2, batch_size=1)
    assert ntriples(tmp_path / "local") == ntriples(tmp_path / "single")


def test_local_processes_validate_chunks_described_from_a_snapshot_of_the_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every node revalidated (new shapes) in chunks by two local processes, which describe them
    from a snapshot: the violations of one pyshacl run over the whole graph, and no snapshot left."""
    from test_pipeline import _second_name

    from kg import pipeline
    from kg.store import EmbeddedDataset

    _second_name(monkeypatch, "a1.txt", "Phạm Minh Đúc")
    inputs, out = write_corpus(tmp_path / "in", corpus(4)), tmp_path / "out"
    whole = build([str(inputs)], out)

    def not_here(self, nodes):  # type: ignore[no-untyped-def]
        raise AssertionError("described in the build's process")

    monkeypatch.setattr(EmbeddedDataset, "describe", not_here)
    monkeypatch.setattr(pipeline, "shapes_fingerprint", lambda: "new shapes")
    for name, value in (("WHOLE_GRAPH_LIMIT", 0), ("VALIDATION_CHUNK", 5), ("CHUNKS_IN_PROCESS", 2),
                        ("CHUNKS_PER_CHILD", 2)):
        monkeypatch.setattr(pipeline, name, value)
    again = build([str(inputs)], out, workers=2)
    assert again.documents["unchanged"] == 4
    assert again.violations == whole.violations and len(whole.violations) == 1
    assert not list(out.glob(".*"))

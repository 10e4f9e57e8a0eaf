"""A build's progress on stderr: a tqdm bar with articles/s on a terminal, a plain log line every few
seconds otherwise (logs and CI). Use it as `build(..., on_progress=ConsoleProgress())`: it reads the
messages a build sends (an article id per article built, "failed: …" per failure)."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class ConsoleProgress:
    def __init__(self, stream: TextIO | None = None, interval: float = 10.0, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self.tty = self.stream.isatty() if tty is None else tty
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self._logged = self.started
        self._bar: tqdm | None = None

    def __call__(self, message: str) -> None:
        if message.startswith("failed: "):
            self.failed += 1
            self._line(f"kg: {message}")
            return
        self.done += 1
        if self.tty:
            self._progress_bar().update(1)
        elif time.monotonic() - self._logged >= self.interval:
            self._logged = time.monotonic()
            self._line(f"kg: {self.summary()}")

    def summary(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-9)
        failed = f", {self.failed} failed" if self.failed else ""
        return f"built {self.done} articles{failed} ({self.done / seconds:.1f} articles/s)"

    def _progress_bar(self) -> tqdm:
        if self._bar is None:
            self._bar = tqdm(file=self.stream, unit=" articles", desc="kg: building", dynamic_ncols=True,
                             smoothing=0.1, mininterval=0.2)
        return self._bar

    def _line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        """End the bar (or write the last log line)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif not self.tty and self.done:
            self._line(f"kg: {self.summary()}")

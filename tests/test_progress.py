"""kg.progress: a tqdm bar with articles/s on a terminal, plain log lines elsewhere."""

from __future__ import annotations

import io

from kg.progress import ConsoleProgress


def test_log_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    progress = ConsoleProgress(out, interval=0.0, tty=False)
    progress("a0.txt")
    progress("failed: in/bad.txt: empty file")
    progress("a1.txt")
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("kg: built 1 articles (") and lines[0].endswith(" articles/s)")
    assert lines[1] == "kg: failed: in/bad.txt: empty file"
    assert lines[-1].startswith("kg: built 2 articles, 1 failed (")
    assert "\r" not in out.getvalue()


def test_quiet_between_intervals() -> None:
    out = io.StringIO()
    progress = ConsoleProgress(out, interval=3600.0, tty=False)
    for i in range(100):
        progress(f"a{i}.txt")
    assert out.getvalue() == ""
    progress.close()
    assert out.getvalue().startswith("kg: built 100 articles")


def test_a_bar_with_a_rate_on_a_terminal() -> None:
    out = io.StringIO()
    progress = ConsoleProgress(out, tty=True)
    for i in range(3):
        progress(f"a{i}.txt")
    progress("failed: in/bad.txt: empty file")
    progress.close()
    text = out.getvalue()
    assert "kg: building" in text and "3 articles" in text and "articles/s" in text
    assert "kg: failed: in/bad.txt: empty file\n" in text

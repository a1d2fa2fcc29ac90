"""Many articles through the analyser, one result per input: ``monitor diff --jsonl FILE... | FOLDER``.

A folder stands for the files in it (sorted, hidden files skipped, not recursive). Reading is the
caller's (the CLI passes its own reader with its input limits); an input that cannot be read gives
a result with ``error`` instead of stopping the others.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from monitor.claims.analysis import analyse, explain
from monitor.claims.baseline import Baseline


def expand_inputs(paths: Sequence[str]) -> list[str]:
    """Each path as given, a folder replaced by the files in it ("-" is stdin and stays)."""
    out: list[str] = []
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            out.extend(str(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith("."))
        else:
            out.append(path)
    return out


def diff_results(
    paths: Sequence[str],
    read: Callable[[str], str],
    *,
    title: str | None = None,
    published: dt.date | None = None,
    baseline: Baseline | None = None,
    explained: bool = False,
    errors: tuple[type[Exception], ...] = (OSError, ValueError),
) -> Iterator[dict[str, Any]]:
    """``{"input": path, ...the diff object}`` per input, in order; ``{"input", "error"}`` when ``read`` fails."""
    run = explain if explained else analyse
    for path in expand_inputs(paths):
        try:
            text = read(path)
        except errors as exc:
            yield {"input": path, "error": str(exc)}
            continue
        yield {"input": path, **run(text, title=title, published=published, baseline=baseline)}


def write_lines(
    paths: Sequence[str], read: Callable[[str], str], emit: Callable[[str], Any], **options: Any
) -> list[str]:
    """Each result of :func:`diff_results` as one line of JSON through ``emit``; the inputs that could not be read."""
    unread = []
    for result in diff_results(paths, read, **options):
        emit(json.dumps(result, ensure_ascii=False))
        if "error" in result:
            unread.append(str(result["input"]))
    return unread

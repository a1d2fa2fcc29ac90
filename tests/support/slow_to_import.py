"""An analysis whose module takes 1.5 s to import, as a parse worker's would with a large
language model behind it: a worker loads it on its first job (while unpickling the job), and
that is the worker's start-up, not the job's cost (tests/feeds/test_feedparse.py)."""

from __future__ import annotations

import time

IMPORT_SECONDS = 1.5

time.sleep(IMPORT_SECONDS)


def title_length(entry) -> int:
    return len(entry.title or "")

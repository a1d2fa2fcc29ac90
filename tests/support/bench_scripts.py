"""The scripts in bench/ loaded as modules, for the tests that check their figures and helpers.

bench/ is not a package (each script runs on its own, as docs/dev.md shows), so a test loads a
script from its file."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_bench_script(name: str) -> ModuleType:
    """``bench/NAME.py`` as a fresh module named ``bench_NAME``."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None, f"no bench/{name}.py"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_labelled_article(
    folder: Path, ident: str, text: str, claims: list[dict[str, Any]], split: str = "development", *, published: str
) -> None:
    """One labelled real-set article (the blind sets' shape) in ``folder``, for the tests of the tools that study
    a set's errors (bench/missed_sentences.py, rule_audit.py, claim_outcomes.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    article = {
        "id": ident,
        "title": None,
        "published": published,
        "relevant": True,
        "body": text,
        "claims": claims,
        "verdicts": [],
        "split": split,
    }
    (folder / f"{ident}.json").write_text(json.dumps(article), encoding="utf-8")


def shell_label(evidence: str, **fields: Any) -> dict[str, Any]:
    """A labelled claim of the study tools' tests: the spy agency's 5,000 shells shipped, with ``fields`` changed."""
    base = {
        "kind": "shipment",
        "item": "artillery_shells",
        "direction": "NK->RU",
        "quantity": 5000,
        "bound": "exact",
        "quantity_high": None,
        "source": "South Korea NIS",
        "since": None,
        "as_of": "2025-03-04",
        "stance": "asserted",
        "evidence": evidence,
    }
    return {**base, **fields}

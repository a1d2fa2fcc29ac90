"""`monitor diff --json` on every labelled article, pinned by digest: the output changes only with
EXTRACTOR_VERSION. A pure refactor of monitor/claims keeps every digest; a change of rules bumps the
version and rewrites the digests (`python tests/claims/test_golden.py --update`)."""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script with --update
    sys.path.insert(0, str(ROOT))

from monitor.claims.extract import EXTRACTOR_VERSION  # noqa: E402
from monitor.cli import cli  # noqa: E402

LABELLED = ROOT / "tests" / "claims" / "labelled"
DIGESTS = ROOT / "tests" / "claims" / "golden" / "diff-json.sha256"


def diff_json(path: Path, runner: CliRunner, work: Path) -> bytes:
    """stdout of `monitor diff FILE --json --published ... --title ...` for one labelled article."""
    article = json.loads(path.read_text(encoding="utf-8"))
    source = work / "article.txt"
    source.write_text(article["text"], encoding="utf-8")
    args = ["--db", str(work / "none.db"), "diff", str(source), "--json", "--published", article["published"][:10]]
    if article.get("title"):
        args += ["--title", article["title"]]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def current_digests(work: Path) -> dict[str, str]:
    runner = CliRunner()
    return {p.stem: hashlib.sha256(diff_json(p, runner, work)).hexdigest() for p in sorted(LABELLED.glob("*.json"))}


def read_digests() -> tuple[str, dict[str, str]]:
    lines = DIGESTS.read_text(encoding="utf-8").splitlines()
    version = lines[0].removeprefix("# extractor ").strip()
    return version, dict(reversed(line.split("  ", 1)) for line in lines[1:] if line.strip())


def test_diff_output_changes_only_with_the_extractor_version(tmp_path: Path):
    version, pinned = read_digests()
    got = current_digests(tmp_path)
    changed = sorted(stem for stem in got if pinned.get(stem) != got[stem])
    assert version == EXTRACTOR_VERSION, (
        f"EXTRACTOR_VERSION is {EXTRACTOR_VERSION} but the digests are of {version}: "
        "run `python tests/claims/test_golden.py --update`"
    )
    assert set(got) == set(pinned), "labelled files added or removed: run `python tests/claims/test_golden.py --update`"
    assert not changed, (
        f"`monitor diff --json` changed on {len(changed)} labelled articles ({', '.join(changed[:8])}) "
        f"with EXTRACTOR_VERSION still {EXTRACTOR_VERSION}: a refactor must not change the output; "
        "a change of rules bumps the version and updates the digests"
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/claims/test_golden.py --update")
    with tempfile.TemporaryDirectory() as tmp:
        digests = current_digests(Path(tmp))
    DIGESTS.write_text(
        f"# extractor {EXTRACTOR_VERSION}\n" + "".join(f"{d}  {s}\n" for s, d in digests.items()), encoding="utf-8"
    )
    print(f"{len(digests)} digests written to {DIGESTS.relative_to(ROOT)} for {EXTRACTOR_VERSION}")

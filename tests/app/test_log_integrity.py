"""A log cut short, rewritten or damaged on disk: `monitor verify` says where, the other commands
refuse in one line, and nothing is changed. Real databases polled from the demo feeds, changed
behind the store's back with plain sqlite3 as an intruder or a failing disk would."""

from __future__ import annotations

import email
import email.policy
import json
import re
import shutil
import sqlite3
from pathlib import Path

import lxml.html
import pytest

from monitor.store.sqlite import chain_hash
from tests.support.cli_files import monitor, polled_demo

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def demo_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "polled"
    polled_demo(folder)
    assert monitor("report", cwd=folder).returncode == 0
    return folder


@pytest.fixture
def demo(demo_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of the polled demo (database, outbox, report, feeds) for one test."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_once, folder)
    return folder


def head_of(db: Path) -> tuple[int, str]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").fetchone()


def delete_last_events(db: Path, count: int) -> int:
    """Drop the guard, delete the newest events, put the guard back; returns the new head."""
    conn = sqlite3.connect(db)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events_refuse_delete'").fetchone()[0]
    conn.execute("DROP TRIGGER events_refuse_delete")
    head = conn.execute("SELECT MAX(position) FROM events").fetchone()[0]
    conn.execute("DELETE FROM events WHERE position > ?", [head - count])
    conn.execute(trigger)
    conn.commit()
    conn.close()
    return head - count


def alert_anchors(outbox: Path) -> tuple[str, str]:
    """The anchor in the newest alert's footer, and in its X-NKRU-Log-Head header."""
    message = email.message_from_bytes(sorted(outbox.glob("*.eml"))[-1].read_bytes(), policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"^(\d+:[0-9a-f]{64})$", text, flags=re.MULTILINE).group(1), str(message["X-NKRU-Log-Head"])


def report_anchor(page: Path) -> str:
    code = lxml.html.fromstring(page.read_text(encoding="utf-8")).get_element_by_id("head-anchor").text_content()
    return code.removeprefix("monitor verify --expect ").strip()


# -- truncation -------------------------------------------------------------------


def test_a_truncated_log_fails_verify_and_catch_up_refuses(demo: Path):
    db = demo / "monitor.db"
    full_head, _ = head_of(db)
    assert monitor("verify", cwd=demo).returncode == 0
    new_head = delete_last_events(db, 5)

    verified = monitor("verify", cwd=demo)
    assert verified.returncode == 1
    assert f"log truncated after position {new_head}" in verified.stderr
    assert f"first broken position: {new_head + 1}" in verified.stdout
    assert "Traceback" not in verified.stderr

    # Catch-up would skip the next events appended at the reused positions: every command
    # that catches up refuses, in one line, and leaves the file as it was.
    for command in (["poll"], ["articles"], ["report", "--out", str(demo / "r.html")]):
        refused = monitor(*command, cwd=demo)
        assert refused.returncode == 2, (command, refused.stdout, refused.stderr)
        assert "log truncated after position" in refused.stderr and "catch-up refused" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert head_of(db)[0] == new_head  # nothing was appended

    # Accepting the loss: a rebuild resets the checkpoints; verify is clean again, but an
    # anchor taken before the cut still exposes it.
    assert monitor("rebuild", cwd=demo).returncode == 0
    assert monitor("verify", cwd=demo).returncode == 0
    anchor = report_anchor(demo / "report.html")
    assert int(anchor.split(":")[0]) == full_head
    exposed = monitor("verify", "--expect", anchor, cwd=demo)
    assert exposed.returncode == 1
    assert f"log truncated after position {new_head}" in exposed.stderr


def test_the_printed_anchors_are_what_verify_expect_takes(demo: Path):
    (from_footer, from_header), from_report = alert_anchors(demo / "outbox"), report_anchor(demo / "report.html")
    ok = monitor("verify", cwd=demo)
    from_verify = re.search(r"head (\d+:[0-9a-f]{64})$", ok.stdout.strip()).group(1)
    assert from_report == from_verify  # the report was written after the poll, at the same head
    assert from_header.replace(" ", ":") == from_footer
    for anchor in (from_footer, from_header, from_report, from_verify):
        checked = monitor("verify", "--expect", anchor, cwd=demo)
        assert checked.returncode == 0, checked.stderr
        assert f"anchor {anchor} matches" in checked.stdout


def test_a_rewritten_history_with_a_recomputed_chain_fails_only_against_an_anchor(demo: Path):
    db = demo / "monitor.db"
    anchor = report_anchor(demo / "report.html")
    position = int(anchor.split(":")[0]) - 3
    # The intruder edits one event and recomputes every hash after it: the chain is intact.
    conn = sqlite3.connect(db)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events_refuse_update'").fetchone()[0]
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute("UPDATE events SET metadata = '{\"forged\":true}' WHERE position = ?", [position])
    prev = conn.execute("SELECT hash FROM events WHERE position = ?", [position - 1]).fetchone()[0]
    rows = conn.execute(
        "SELECT position, event_id, stream, version, type, schema_version, data, metadata, "
        "recorded_at FROM events WHERE position >= ? ORDER BY position",
        [position],
    ).fetchall()
    for row in rows:
        digest = chain_hash(prev, *row)
        conn.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?", [prev, digest, row[0]])
        prev = digest
    conn.execute(trigger)
    conn.commit()
    conn.close()
    assert monitor("verify", cwd=demo).returncode == 0  # nothing inside the file can tell
    caught = monitor("verify", "--expect", anchor, cwd=demo)
    assert caught.returncode == 1
    assert f"position {anchor.split(':')[0]}: hash" in caught.stderr and "differs from the anchor" in caught.stderr


@pytest.mark.parametrize("anchor", ["12", "12:abc", "x:" + "0" * 64, ""])
def test_a_malformed_anchor_is_bad_usage(demo: Path, anchor: str):
    result = monitor("verify", "--expect", anchor, cwd=demo)
    assert result.returncode == 2
    assert "POSITION:HASH" in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -- damaged bytes -----------------------------------------------------------------


def update_behind_the_guard(db: Path, sql: str, position: int) -> None:
    """Run an UPDATE of one event with the append-only trigger lifted for it, as a careless hand or a tool would."""
    conn = sqlite3.connect(db)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events_refuse_update'").fetchone()[0]
    conn.execute("DROP TRIGGER events_refuse_update")
    conn.execute(sql, [position])
    conn.execute(trigger)
    conn.commit()
    conn.close()


def write_invalid_utf8(db: Path, position: int) -> None:
    # What a flipped bit in a text cell looks like: a byte that cannot start a UTF-8 sequence.
    update_behind_the_guard(
        db, "UPDATE events SET data = CAST(CAST(data AS BLOB) || X'FF' AS TEXT) WHERE position = ?", position
    )


def test_bytes_that_are_not_utf8_are_named_by_position(demo: Path):
    db = demo / "monitor.db"
    head, _ = head_of(db)
    position = head - 10
    write_invalid_utf8(db, position)
    verified = monitor("verify", cwd=demo)
    assert verified.returncode == 1
    assert f"event at position {position} cannot be read (stored text is not valid UTF-8)" in verified.stderr
    assert f"first broken position: {position}" in verified.stdout
    for command in (["events"], ["events", "--json"], ["rebuild"]):
        result = monitor(*command, cwd=demo)
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert f"position {position}" in result.stderr and "restore the file from a backup" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    # The events before the damage still read.
    assert monitor("events", "--limit", str(position - 1), cwd=demo).returncode == 0


def test_a_damaged_index_page_is_found_and_the_rest_still_reads(demo: Path):
    db = demo / "monitor.db"
    shutil.copy(db, demo / "before.db")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_events_2'").fetchone()[0]
    conn.close()
    with open(db, "r+b") as handle:  # the (stream, version) index's root page, overwritten
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d\xde\xad" * (page_size // 3))

    verified = monitor("verify", cwd=demo)
    assert verified.returncode == 1
    assert "damaged outside the event rows" in verified.stderr and ".dump" in verified.stderr
    assert "Traceback" not in verified.stderr
    events = monitor("events", "--json", cwd=demo)  # read by position: no index needed
    assert events.returncode == 0, events.stderr
    # Commands that need the index say so in one line.
    polled = monitor("poll", cwd=demo)
    assert polled.returncode == 2 and "Traceback" not in polled.stderr
    assert "damaged" in polled.stderr and len(polled.stderr.strip().splitlines()) == 1

    # The advice works: a dump into a new file verifies, with the same head.
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 shell is not installed; the .dump advice could not be followed")
    dumped = demo / "repaired.db"
    dump = shutil.which("sqlite3")
    import subprocess

    script = subprocess.run([dump, str(db), ".dump"], capture_output=True, timeout=60)
    subprocess.run([dump, str(dumped)], input=script.stdout, capture_output=True, timeout=60, check=True)
    repaired = monitor("--db", str(dumped), "verify", cwd=demo)
    assert repaired.returncode == 0, repaired.stderr
    assert f"head {head_of(demo / 'before.db')[0]}:" in repaired.stdout


# -- verify --checkpoint: the events appended since the last check -------------------------


def edit_without_rehashing(db: Path, position: int) -> None:
    """Change one event's metadata behind the guard, leaving every hash as it was."""
    update_behind_the_guard(db, "UPDATE events SET metadata = '{\"edited\":true}' WHERE position = ?", position)


def test_verify_checkpoint_walks_only_what_was_appended_after_the_recorded_head(demo: Path):
    record = demo / "verified.anchor"
    first = monitor("verify", "--checkpoint", str(record), cwd=demo)  # no record yet: the whole chain
    head, digest = head_of(demo / "monitor.db")
    assert first.returncode == 0, first.stderr
    assert f"ok: {head} events," in first.stdout
    assert record.read_text().strip() == f"{head}:{digest}"

    assert monitor("poll", cwd=demo).returncode == 0  # the daemon goes on appending
    new_head, new_digest = head_of(demo / "monitor.db")
    assert new_head > head
    second = monitor("verify", "--checkpoint", str(record), "--json", cwd=demo)
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    assert report["checked"] == new_head - head and report["since"] == f"{head}:{digest}"
    assert record.read_text().strip() == f"{new_head}:{new_digest}"


def test_verify_checkpoint_catches_an_edit_after_the_record_and_leaves_the_record_alone(demo: Path):
    record = demo / "verified.anchor"
    assert monitor("verify", "--checkpoint", str(record), cwd=demo).returncode == 0
    recorded = record.read_text()
    head, _ = head_of(demo / "monitor.db")
    assert monitor("poll", cwd=demo).returncode == 0
    edit_without_rehashing(demo / "monitor.db", head + 1)
    caught = monitor("verify", "--checkpoint", str(record), cwd=demo)
    assert caught.returncode == 1
    assert f"position {head + 1}: content does not match its hash" in caught.stderr
    assert record.read_text() == recorded  # the next check starts from the last good head again


def test_an_old_edit_is_for_the_full_walk_and_a_rewrite_up_to_the_record_fails_the_checkpoint(demo: Path):
    record = demo / "verified.anchor"
    db = demo / "monitor.db"
    assert monitor("verify", "--checkpoint", str(record), cwd=demo).returncode == 0
    # An event before the record edited without re-hashing: only the full walk re-reads it.
    edit_without_rehashing(db, 3)
    assert monitor("verify", "--checkpoint", str(record), cwd=demo).returncode == 0
    full = monitor("verify", cwd=demo)
    assert full.returncode == 1 and "position 3: content does not match its hash" in full.stderr
    # The recorded head itself no longer in the log with its hash: the log was rewritten up to it.
    head, digest = head_of(db)
    record.write_text(f"{head}:{'0' * 64}\n")
    rewritten = monitor("verify", "--checkpoint", str(record), cwd=demo)
    assert rewritten.returncode == 1 and f"position {head}: hash {digest[:12]}" in rewritten.stderr


def test_a_record_that_is_no_anchor_is_bad_usage(demo: Path):
    record = demo / "verified.anchor"
    record.write_text("yesterday\n")
    result = monitor("verify", "--checkpoint", str(record), cwd=demo)
    assert result.returncode == 2
    assert "POSITION:HASH" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert record.read_text() == "yesterday\n"

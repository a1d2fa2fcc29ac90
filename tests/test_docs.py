"""The docs name what the code has: every command (and its options) in docs/cli.md and in the
README's table, every command with help text, every event type and its fields in
docs/architecture.md. Add a command or an event type without documenting it and these fail."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import click
import pytest

from monitor import config
from monitor import events as ev
from monitor.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"
DEV_DOC = ROOT / "docs" / "dev.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
README = ROOT / "README.md"


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """(path, command) for every command and subcommand, walking groups recursively."""
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found += commands(command, path)
    return found


COMMANDS = commands()
IDS = [" ".join(path) for path, _ in COMMANDS]


def section(text: str, heading: re.Pattern[str]) -> str:
    """The text under the first heading matching ``heading``, up to the next heading of its level or higher."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        match = re.match(r"(#+) ", line)
        if match and heading.search(line):
            level = len(match.group(1))
            end = next(
                (
                    i
                    for i in range(start + 1, len(lines))
                    if (m := re.match(r"(#+) ", lines[i])) and len(m.group(1)) <= level
                ),
                len(lines),
            )
            return "\n".join(lines[start:end])
    return ""


def table_rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|") and not re.match(r"\|\s*-", line)
    ]


def test_the_walk_finds_commands_and_subcommands() -> None:
    assert {"events", "diff", "poll", "run", "baseline show", "alerts retry"} <= set(IDS)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help(path: tuple[str, ...], command: click.Command) -> None:
    assert (command.help or "").strip(), f"`monitor {' '.join(path)}` has no help text"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_and_option_is_in_docs_cli_md(path: tuple[str, ...], command: click.Command) -> None:
    name = " ".join(path)
    text = section(CLI_DOC.read_text(encoding="utf-8"), re.compile(rf"`monitor {re.escape(name)}[ `]"))
    assert text, f"docs/cli.md has no heading for `monitor {name}`"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            longest = max(param.opts, key=len)
            assert longest in text, f"docs/cli.md: `monitor {name}` does not mention {longest}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_is_in_the_readme_table(path: tuple[str, ...], command: click.Command) -> None:
    table = section(README.read_text(encoding="utf-8"), re.compile(r"^## Commands"))
    first_cells = [row[0] for row in table_rows(table)]
    # A subcommand may be written without the `monitor` in front: `baseline set FILE...`.
    pattern = re.compile(
        rf"`(?:monitor )?{re.escape(' '.join(path))}(?=[ `])"
        if len(path) > 1
        else rf"`monitor {re.escape(path[0])}(?=[ `])"
    )
    assert any(pattern.search(cell) for cell in first_cells), f"README's commands table lacks `{' '.join(path)}`"


def test_every_event_type_has_a_payload_type() -> None:
    assert list(ev.PAYLOADS) == list(ev.ALL_TYPES)


def _architecture_table(heading: str) -> dict[str, str]:
    table = section(ARCHITECTURE.read_text(encoding="utf-8"), re.compile(rf"^## {heading}"))
    return {row[0]: " | ".join(row[1:]) for row in table_rows(table)[1:]}


@pytest.mark.parametrize("event_type", ev.ALL_TYPES)
def test_every_event_type_is_in_the_architecture_tables(event_type: str) -> None:
    readers = _architecture_table("Every event type and what reads it")
    assert event_type in readers, f"docs/architecture.md: no row for {event_type} in the event table"
    shapes = _architecture_table("Event data shapes")
    assert event_type in shapes, f"docs/architecture.md: no row for {event_type} in the data shapes table"
    fields = set(ev.PAYLOADS[event_type].__annotations__)
    documented = set(re.findall(r"[a-z_0-9]+", shapes[event_type]))
    assert fields <= documented, f"docs/architecture.md: {event_type} lacks {sorted(fields - documented)}"


def _config_block() -> str:
    text = section(CLI_DOC.read_text(encoding="utf-8"), re.compile(r"^## config\.toml"))
    return text.split("```toml", 1)[1].split("```", 1)[0] if "```toml" in text else ""


CONFIG_TABLES = [
    ("store", config.StoreConfig),
    ("schedule", config.ScheduleConfig),
    ("fetch", config.FetchConfig),
    ("[feeds]", config.FeedConfig),
    ("alerts", config.AlertsConfig),
    ("alerts.smtp", config.SmtpConfig),
]


@pytest.mark.parametrize(("table", "settings"), CONFIG_TABLES, ids=[t for t, _ in CONFIG_TABLES])
def test_every_config_key_is_in_docs_cli_md(table: str, settings: type) -> None:
    block = _config_block()
    start = re.search(rf"^\[{re.escape(table)}\]", block, re.M)
    assert start, f"docs/cli.md: the config block has no [{table}] table"
    end = re.compile(r"^\[", re.M).search(block, start.end())
    body = block[start.start() : end.start() if end else len(block)]
    documented = set(re.findall(r"^([a-z_]+) =", body, re.M))
    keys = {
        "from" if f.name == "from_" else f.name for f in dataclasses.fields(settings) if f.metadata != config.DERIVED
    }
    keys -= {"smtp"}
    assert keys <= documented, f"docs/cli.md: [{table}] lacks {sorted(keys - documented)}"


def dev_tree() -> set[str]:
    """The files named in the tree of docs/dev.md's "Where things live", as paths."""
    text = section(DEV_DOC.read_text(encoding="utf-8"), re.compile(r"^## Where things live"))
    block = text.split("```", 2)[1]
    stack: list[tuple[int, str]] = []
    paths = set()
    for line in block.splitlines():
        match = re.match(r"( *)(\S+)", line)
        if not match:
            continue
        indent, name = len(match.group(1)), match.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = "".join(folder for _, folder in stack) + name
        if name.endswith("/"):
            stack.append((indent, name))
        paths.add(path.rstrip("/"))
    return paths


def _only_a_docstring(path: Path) -> bool:
    """A package's __init__ that holds nothing but its docstring needs no line of its own."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return path.name == "__init__.py" and all(
        isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in body
    )


def test_every_module_has_a_line_in_docs_dev_md() -> None:
    documented = dev_tree()
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "monitor").rglob("*.py")}
    missing = sorted(m for m in modules if m not in documented and not _only_a_docstring(ROOT / m))
    assert missing == [], f"docs/dev.md's tree lacks {missing}"

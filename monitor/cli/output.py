"""What the commands print: one-line errors, JSON, and tables that stay greppable in a pipe."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import click

EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr, then exit ``code`` (2: bad usage, config or input)."""
    click.echo(f"monitor: {message}", err=True)
    sys.exit(code)


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def print_json_array(items: Iterable[Any]) -> None:
    """``print_json(list(items))``, character for character, written as the items come: a log of a
    million events is never held whole (it took 7 GB and two minutes before the first byte)."""
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2, default=str)
        # JSON escapes newlines inside strings, so every line break here is layout.
        click.echo(("[\n" if first else ",\n") + "\n".join("  " + line for line in text.split("\n")), nl=False)
        first = False
    click.echo("[]" if first else "\n]")


def on_terminal() -> bool:
    return sys.stdout.isatty()


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], empty: str) -> None:
    """A rich table on a terminal; tab-separated lines in a pipe (greppable, cut-able), each
    written as its row comes, so `| head` answers at once and memory stays flat."""
    found = iter(rows)
    first = next(found, None)
    if first is None:
        click.echo(empty)
        return
    if on_terminal():
        # Imported here: rich costs start-up time, and only a terminal needs it.
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for column in columns:
            table.add_column(column)
        for row in itertools.chain([first], found):
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)
    else:
        click.echo("\t".join(columns))
        for row in itertools.chain([first], found):
            click.echo("\t".join("" if v is None else str(v) for v in row))

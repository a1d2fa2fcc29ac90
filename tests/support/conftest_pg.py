"""pytest fixtures for tests that need PostgreSQL: one server per session, a fresh database per test.

Import them into ``tests/conftest.py``. The server is ``MONITOR_TEST_PG_URL`` when set, else
a throwaway cluster (tests/support/pg_cluster.py) started on first use and stopped at the end.
A test that needs it skips, saying why, only when neither psycopg nor the server binaries exist.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.pg_cluster import NoPostgres, create_database, drop_database, server_url


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL of a running PostgreSQL server on 127.0.0.1."""
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        pytest.skip("psycopg and psycopg-pool are not installed: pip install -e '.[test]'")
    servers = server_url()
    try:
        url = next(servers)
    except NoPostgres as exc:
        pytest.skip(str(exc))
    try:
        yield url
    finally:
        servers.close()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    url = create_database(pg_server)
    try:
        yield url
    finally:
        drop_database(pg_server, url)

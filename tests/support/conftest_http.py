"""pytest fixtures for tests that need a real local HTTP server.

Import them into ``tests/conftest.py``::

    from tests.support.conftest_http import http_server, https_server, tls_files  # noqa: F401
"""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.httpserver import LocalHTTPServer, make_self_signed_cert


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A fresh programmable server on 127.0.0.1 (routes via ``server.route(path)``)."""
    server = LocalHTTPServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate and key; skips when openssl is unavailable."""
    try:
        return make_self_signed_cert(tmp_path_factory.mktemp("http-tls"))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"no self-signed certificate could be made ({exc}); install the openssl CLI")


@pytest.fixture
def https_server(tls_files: tuple[Path, Path]) -> Iterator[LocalHTTPServer]:
    """Like ``http_server`` but over TLS with a self-signed certificate."""
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = LocalHTTPServer(ssl_context=context).start()
    try:
        yield server
    finally:
        server.stop()

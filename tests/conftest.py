"""Fixtures shared by every test module: a real HTTP server on 127.0.0.1 (``http_server``) and PostgreSQL."""

from tests.support.conftest_http import http_server, https_server, tls_files  # noqa: F401
from tests.support.conftest_pg import pg_server, pg_url  # noqa: F401

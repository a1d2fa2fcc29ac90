"""A real webhook receiver on 127.0.0.1 for Apprise's json:// channels: records every POST.

hooks = WebhookReceiver(server)            # server: a started LocalHTTPServer
url = hooks.channel("/desk")               # "json://127.0.0.1:PORT/desk"
hooks.fail("/ops", times=2)                # the next two POSTs to /ops answer 500
hooks.received("/desk")                    # [{"title": ..., "message": ...}, ...]
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from typing import Any

from tests.support.httpserver import LocalHTTPServer, Request


class WebhookReceiver:
    def __init__(self, server: LocalHTTPServer) -> None:
        self.server = server
        self._lock = threading.Lock()
        self._posts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._failures: dict[str, int] = defaultdict(int)
        self.refused: dict[str, int] = defaultdict(int)

    def channel(self, path: str) -> str:
        self.server.route(path, self._answer)
        return f"json://127.0.0.1:{self.server.port}{path}"

    def fail(self, path: str, times: int) -> None:
        with self._lock:
            self._failures[path] = times

    def received(self, path: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._posts[path])

    def _answer(self, req: Request) -> None:
        payload = req.body()
        with self._lock:
            if self._failures[req.path] > 0:
                self._failures[req.path] -= 1
                self.refused[req.path] += 1
                failing = True
            else:
                self._posts[req.path].append(json.loads(payload or b"{}"))
                failing = False
        if failing:
            req.send(500, b"try later", content_type="text/plain")
        else:
            req.send(200, b"{}", content_type="application/json")

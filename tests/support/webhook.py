"""Real webhook receivers on 127.0.0.1: records every POST.

hooks = WebhookReceiver(server)            # server: a started LocalHTTPServer; Apprise's json:// channels
url = hooks.channel("/desk")               # "json://127.0.0.1:PORT/desk"
hooks.fail("/ops", times=2)                # the next two POSTs to /ops answer 500
hooks.received("/desk")                    # [{"title": ..., "message": ...}, ...]

desk = Desk(server, "/busy", [(429, {"Retry-After": "60"})])   # a hook+http:// receiver with scripted answers
desk.url, desk.posts, desk.delivered(), desk.kinds
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


class Desk:
    """A receiver whose answers are scripted: each POST takes the next (status, headers) of ``script``,
    then 204 for good."""

    def __init__(
        self, server: LocalHTTPServer, path: str, script: list[tuple[int, dict[str, str]]], *, credentials: str = ""
    ) -> None:
        # credentials: "user:password" in the URL, sent as Basic auth (hook+http:// allows it to a loopback host)
        self.url = f"hook+http://{credentials + '@' if credentials else ''}127.0.0.1:{server.port}{path}"
        self.script = list(script)
        self.posts: list[tuple[int, str]] = []  # (status answered, webhook-id)
        self.kinds: list[str] = []  # the kinds of the documents taken
        self._lock = threading.Lock()
        server.route(path, self._answer)

    def _answer(self, req: Request) -> None:
        body = req.body()
        with self._lock:
            status, headers = self.script.pop(0) if self.script else (204, {})
            self.posts.append((status, req.headers.get("webhook-id", "")))
            if status == 204:
                self.kinds.append(json.loads(body)["kind"])
        req.send(status, b"" if status == 204 else b"not now", headers, content_type="text/plain")

    def delivered(self) -> list[str]:
        with self._lock:
            return [alert_id for status, alert_id in self.posts if status == 204]

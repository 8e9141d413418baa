"""A scripted OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1, a thread per request.

Each request takes the next reply from the script (`enqueue`): a `Stream` of server-sent events
sent with chunked transfer encoding like vLLM does, or a plain `Status` answer. The server
records every request and notices when a client goes away in the middle of a stream.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal


def chunks(*pieces: str) -> list[str]:
    """The events of a normal answer: a role-only chunk, one chunk per piece, a finish chunk."""

    def event(delta: dict[str, str], finish: str | None = None) -> str:
        return "data: " + json.dumps(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "model": "test",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
        )

    return [
        event({"role": "assistant"}),
        *(event({"content": piece}) for piece in pieces),
        event({}, finish="stop"),
    ]


@dataclass
class Stream:
    """A 200 event stream. `end`: send `[DONE]`, `close` without it, `drop` the connection
    mid-chunk, or `stall` (hold the connection open, sending nothing more)."""

    events: list[str]
    first_delay_s: float = 0.0
    delay_s: float = 0.0
    end: Literal["done", "close", "drop", "stall"] = "done"


@dataclass
class Status:
    """A complete non-streamed answer, e.g. an error with a JSON body."""

    code: int
    body: Any = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float  # time.monotonic() on arrival


class FakeOpenAIServer:
    """Serves scripted replies on 127.0.0.1 at a free port until `stop()`."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.events_sent = 0
        self.client_went_away = threading.Event()
        self._script: deque[Stream | Status] = deque()
        self._closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def enqueue(self, *replies: Stream | Status) -> None:
        self._script.extend(replies)

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()  # wakes stalled streams
        self._httpd.shutdown()
        self._httpd.server_close()

    def next_reply(self) -> Stream | Status:
        if not self._script:
            return Status(599, {"error": {"message": "the test server has no reply queued"}})
        return self._script.popleft()

    def hold(self, seconds: float) -> None:
        self._closing.wait(seconds)


def closed_port_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _handler_for(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append(
                Request(self.path, headers, json.loads(raw or b"{}"), time.monotonic())
            )
            reply = server.next_reply()
            if isinstance(reply, Status):
                self._send_status(reply)
            else:
                try:
                    self._send_stream(reply)
                except (BrokenPipeError, ConnectionResetError):
                    server.client_went_away.set()
                    self.close_connection = True

        def _send_status(self, reply: Status) -> None:
            body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            self.send_response(reply.code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _send_stream(self, reply: Stream) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            server.hold(reply.first_delay_s)
            for i, event in enumerate(reply.events):
                if i:
                    server.hold(reply.delay_s)
                self._chunk(f"{event}\n\n".encode())
                server.events_sent += 1
            if reply.end == "done":
                self._chunk(b"data: [DONE]\n\n")
            elif reply.end == "drop":
                self.wfile.write(b'ff\r\ndata: {"cho')  # a chunk cut short, then the socket closes
                self.close_connection = True
                return
            elif reply.end == "stall":
                server.hold(60)
            self.wfile.write(b"0\r\n\r\n")

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    return Handler

"""Headless Chromium driven over the DevTools protocol, with only the standard library.

The tests look at a published site the way a reader does: load a page, let its script run,
read the DOM, type into the search box, and watch every network request the page makes.
The WebSocket client is the few lines of RFC 6455 the DevTools protocol needs.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

# Without the background-networking flags Chromium keeps calling home (updates, sync, field
# trials); on a machine without a network that is noise and minutes of retries.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
INSTALL_HINT = (
    "headless Chromium is needed to test the published site and was not found. Install it "
    "(Debian/Ubuntu: `sudo apt-get install -y chromium`; macOS: install Chromium or Chrome) "
    "or point $CHROMIUM at the binary."
)


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(binary: str, url: str, out: Path, profile: Path, size: str = "1280,1600") -> None:
    """The same picture `chromium --headless --screenshot` gives a person at a desk."""
    subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
         f"--screenshot={out}", url],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


class Browser:
    """One headless Chromium with one page, controlled over its DevTools WebSocket."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.log = (profile.parent / "chromium.log").open("wb")
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "--window-size=1280,1000", "about:blank"],
            stdout=self.log, stderr=self.log,
        )  # fmt: skip
        self.events: list[dict[str, Any]] = []
        self._next = 0
        port = self._port(profile / "DevToolsActivePort")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            targets = json.load(reply)
        page = next(t for t in targets if t["type"] == "page")
        self.socket = _connect(page["webSocketDebuggerUrl"])
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def _port(self, path: Path) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            if path.exists() and path.read_text().strip():
                return int(path.read_text().split()[0])
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port within 30 s")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        _send(self.socket, json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(_receive(self.socket))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        self.socket.settimeout(timeout)
        while time.monotonic() < deadline:
            message = json.loads(_receive(self.socket))
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        """Load a page afresh and wait for its `load` event (deferred scripts have run by then).

        A page that differs from the current one only by its fragment would not be reloaded,
        so the browser goes through about:blank first.
        """
        for address in ("about:blank", url):
            self.call("Page.navigate", url=address)
            self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_text(self, text: str) -> None:
        self.call("Input.insertText", text=text)

    def press(self, key: str, code: str, key_code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                type=kind, key=key, code=code, windowsVirtualKeyCode=key_code,
            )  # fmt: skip

    def named(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.events if e.get("method") == method]

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.log.close()


def _connect(url: str) -> socket.socket:
    rest = url.removeprefix("ws://")
    host_port, _, path = rest.partition("/")
    host, _, port = host_port.partition(":")
    sock = socket.create_connection((host, int(port)), timeout=20)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        if not chunk:
            raise ConnectionError("the DevTools socket closed during the handshake")
        head += chunk
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        raise ConnectionError(head.decode(errors="replace"))
    return sock


def _send(sock: socket.socket, text: str) -> None:
    payload = text.encode()
    mask = os.urandom(4)
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x81, 0x80 | size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x81, 0x80 | 126, size)
    else:
        header = struct.pack("!BBQ", 0x81, 0x80 | 127, size)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(header + mask + masked)


def _exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("the DevTools socket closed")
        data += chunk
    return data


def _receive(sock: socket.socket) -> str:
    """One whole text message (frames joined; the server never masks)."""
    parts = []
    while True:
        first, second = _exactly(sock, 2)
        size = second & 0x7F
        if size == 126:
            size = struct.unpack("!H", _exactly(sock, 2))[0]
        elif size == 127:
            size = struct.unpack("!Q", _exactly(sock, 8))[0]
        payload = _exactly(sock, size)
        opcode = first & 0x0F
        if opcode == 0x8:
            raise ConnectionError("the DevTools socket was closed by the browser")
        if opcode in (0x9, 0xA):  # ping / pong: not used by DevTools
            continue
        parts.append(payload)
        if first & 0x80:
            return b"".join(parts).decode()

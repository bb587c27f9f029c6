"""`clew serve --workers N`: N processes, each listening on the port through a socket of its own
(SO_REUSEPORT) so the kernel spreads connections over them, one shared secret key, and all of them
gone when the server is stopped."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT") or not Path("/proc/net/tcp").exists(),
                                reason="needs Linux (SO_REUSEPORT, /proc)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> int:
    """How many sockets listen on 127.0.0.1:``port`` (state 0A in /proc/net/tcp)."""
    wanted = f"0100007F:{port:04X}"
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1] == wanted and row.split()[3] == "0A")


def _children(pid: int) -> list[int]:
    """The worker processes of the server ``pid`` (not multiprocessing's resource tracker)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return [c for c in found if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def _start(tmp_path: Path, port: int) -> tuple[subprocess.Popen[bytes], list[int]]:
    env = {**os.environ, "CLEW_DB": f"sqlite:///{tmp_path / 'clew.db'}"}
    env.pop("CLEW_SECRET_KEY", None)
    clew = str(Path(sys.executable).parent / "clew")
    server = subprocess.Popen([clew, "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _listening(port) < 2:
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        assert time.monotonic() < deadline, "two workers did not start listening within 60 s"
        time.sleep(0.2)
    return server, _children(server.pid)


def _alive(pids: list[int]) -> list[int]:
    return [p for p in pids if Path(f"/proc/{p}").exists() and Path(f"/proc/{p}/stat").read_text().split()[2] != "Z"]


def _gone(port: int, workers: list[int], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while _listening(port) or _alive(workers):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_workers_stop_with_the_server_however_it_ends(tmp_path: Path, how: signal.Signals) -> None:
    """Stopped (SIGTERM, as a service manager does) or killed outright, the server leaves no worker
    behind holding the port."""
    port = _free_port()
    server, workers = _start(tmp_path, port)
    try:
        assert len(_alive(workers)) == 2
        server.send_signal(how)
        server.wait(30)
        assert _gone(port, workers), f"workers still up after {how.name}: {_alive(workers)}"
    finally:  # a failed check leaves nothing running
        server.kill()
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)


def test_workers_each_listen_and_all_stop(tmp_path: Path) -> None:
    port = _free_port()
    server, workers = _start(tmp_path, port)
    try:
        assert len(_alive(workers)) == 2
        # many connections, each answered (by whichever worker the kernel gave it to)
        for _ in range(3):
            clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) for _ in range(10)]
            try:
                assert all(c.get("/health").status_code == 200 for c in clients)
            finally:
                for c in clients:
                    c.close()
        # a form's CSRF token is good on every worker, whichever served the form: one secret key.
        # Each form and its post go over new connections, so over 8 tries both workers take part
        refused = 0
        for _ in range(8):
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as browser:
                page = browser.get("/login")
                token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
                assert page.status_code == 200 and token, page.text[:300]
                cookies = dict(browser.cookies)
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10, cookies=cookies) as browser:
                answer = browser.post("/login", data={"username": "nobody", "password": "x" * 12,
                                                       "csrf_token": token.group(1)})
                refused += answer.status_code == 403
        assert refused == 0
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
        finally:
            stopped = _gone(port, workers)
            for pid in _alive(workers):
                os.kill(pid, signal.SIGKILL)
    assert stopped

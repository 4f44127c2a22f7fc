"""Starts a real `postern serve` on a free loopback port with its own data folder.

The server announces itself on stdout with one line `listening on http://HOST:PORT`
(API.md: `:0` picks a free port and prints it). Tests talk to it with real HTTP clients.
"""
import os
import re
import signal
import subprocess
import threading
import time

import requests

LISTENING = re.compile(r"listening on (http://\S+)")


class PosternServer:
    def __init__(self, binary: str, data_dir: str, env: dict | None = None, issuer: str | None = None):
        self.binary = binary
        self.data_dir = data_dir
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.issuer = issuer
        self.process: subprocess.Popen | None = None
        self.base_url: str | None = None
        self.stderr_lines: list[str] = []

    def start(self, timeout: float = 30.0) -> "PosternServer":
        self.base_url = None
        args = [self.binary, "serve", "--listen", "127.0.0.1:0", "--data-dir", self.data_dir]
        if self.issuer:
            args += ["--issuer", self.issuer]
        self.process = subprocess.Popen(
            args, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
        )
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        deadline = time.monotonic() + timeout
        while self.base_url is None:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"postern exited early ({self.process.wait()}): {''.join(self.stderr_lines[-20:])}")
            m = LISTENING.search(line)
            if m:
                self.base_url = m.group(1)
            if time.monotonic() > deadline:
                raise RuntimeError("postern did not announce its port in time")
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url("/readyz"), timeout=2).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise RuntimeError("postern never became ready")

    def _drain_stderr(self):
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def url(self, path: str) -> str:
        return self.base_url + path

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, then wait: API.md says in-flight requests drain and the exit status is 0."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            return self.process.wait(timeout=timeout)
        return self.process.returncode if self.process else 0

    def kill9(self):
        """A crash: no chance to flush anything that was not already durable."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

"""Shared fixtures: where the postern binary is, and how to run it."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def postern_bin() -> str:
    path = os.environ.get("POSTERN_BIN") or str(ROOT / ".build" / "debug" / "postern")
    if not os.access(path, os.X_OK):
        pytest.fail(f"postern binary not found at {path}; run 'swift build' first")
    return path


@pytest.fixture
def run_postern(postern_bin):
    """Runs `postern ARGS…` and returns the CompletedProcess (text mode, not checked)."""

    def run(*args, input=None, env=None, timeout=60):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run(
            [postern_bin, *args], input=input, env=full_env, capture_output=True, text=True, timeout=timeout
        )

    return run


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    return str(d)


@pytest.fixture
def server(postern_bin, data_dir, run_postern):
    """A fresh server on a free port, with its own data folder; stopped (and checked to exit 0) after the test."""
    from server import PosternServer

    s = PosternServer(postern_bin, data_dir, env={"POSTERN_LOG_LEVEL": "warning"}).start()
    s.run_postern = run_postern
    yield s
    assert s.stop() == 0


def _add_client(server, *args):
    server.stop()
    r = server.run_postern("client", "add", "--data-dir", server.data_dir, *args)
    assert r.returncode == 0, r.stderr
    server.start()
    return __import__("json").loads(r.stdout)


@pytest.fixture
def m2m_client(server):
    return _add_client(server, "--name", "m2m", "--grant", "client_credentials", "--scope", "read write")


@pytest.fixture
def app_client(server):
    return _add_client(server, "--name", "app", "--grant", "password", "--grant", "refresh_token", "--scope", "openid profile")


@pytest.fixture
def user(server, run_postern):
    server.stop()
    r = run_postern("user", "add", "--data-dir", server.data_dir, "--email", "ada@example.com", "--password-stdin",
                    input="correct horse battery\n")
    assert r.returncode == 0, r.stderr
    server.start()
    return {"id": __import__("json").loads(r.stdout)["id"], "email": "ada@example.com", "password": "correct horse battery"}

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

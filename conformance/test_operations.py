"""Operations endpoints and the access log, against the real binary (API.md conventions, DESIGN.md "Observability")."""
import json
import time

import requests

from server import PosternServer


def test_health_request_id_and_access_log(postern_bin, data_dir):
    s = PosternServer(postern_bin, data_dir, env={"POSTERN_LOG_LEVEL": "info"}).start()
    try:
        r = requests.get(s.url("/healthz?secret=hunter2"), headers={"X-Request-Id": "conformance-42"})
        assert r.status_code == 200 and r.headers["X-Request-Id"] == "conformance-42"
        assert r.headers["Cache-Control"] == "no-store"
        # An unsafe id is replaced, never echoed.
        bad = requests.get(s.url("/healthz"), headers={"X-Request-Id": "x" * 65})
        assert bad.headers["X-Request-Id"] != "x" * 65
        assert requests.get(s.url("/readyz")).json()["status"] == "ready"
        missing = requests.get(s.url("/no/such/route"))
        assert missing.status_code == 404 and missing.json()["error"] == "not_found"
        time.sleep(0.5)
        lines = [json.loads(l) for l in s.stderr_lines if l.startswith("{") and '"route"' in l]
        mine = [l for l in lines if l["request_id"] == "conformance-42"]
        assert mine and mine[0]["route"] == "/healthz" and mine[0]["status"] == 200
        # The log names the route pattern, never the query string.
        assert not any("hunter2" in l for l in s.stderr_lines)
    finally:
        assert s.stop() == 0

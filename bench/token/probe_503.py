"""Measures how fast 503 `overloaded` comes back past saturation, apart from the successful answers.

wrk reports one latency distribution for every answer; this probe runs beside the saturating wrk run on its own
keep-alive connection, sends password grants one at a time for DURATION seconds, and prints
"<503 count> <503 p50 ms> <503 p99 ms> <other count>".
With `--reference` it sends `GET /readyz` instead and times those answers: the same flood's cost to any request,
which the 503s are compared with.
Usage: probe_503.py BASE_URL BASIC_AUTH DURATION_SECONDS [--reference]
"""
import http.client
import sys
import time
import urllib.parse

base, auth, duration = sys.argv[1], sys.argv[2], float(sys.argv[3])
reference = sys.argv[4:] == ["--reference"]
url = urllib.parse.urlsplit(base)
body = "grant_type=password&username=bench%40example.com&password=bench+password+123"
headers = {"Authorization": "Basic " + auth, "Content-Type": "application/x-www-form-urlencoded"}
overloaded, other = [], 0
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
end = time.monotonic() + duration
while time.monotonic() < end:
    start = time.perf_counter()
    if reference:
        connection.request("GET", "/readyz")
    else:
        connection.request("POST", "/oauth/token", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status == (200 if reference else 503):
        overloaded.append(elapsed)
    else:
        other += 1
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
overloaded.sort()


def percentile(p):
    return overloaded[min(len(overloaded) - 1, int(len(overloaded) * p))] if overloaded else float("nan")


print(f"{len(overloaded)} {percentile(0.5):.2f} {percentile(0.99):.2f} {other}")

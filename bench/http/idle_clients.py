#!/usr/bin/env python3
"""Opens N keep-alive connections to 127.0.0.1:PORT, sends one request on each, reads each response, then
holds them all open and prints "ready" until stdin closes. bench/http/run.sh reads the server's RSS meanwhile."""
import resource
import selectors
import socket
import sys

port, count = int(sys.argv[1]), int(sys.argv[2])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1024), hard))
request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
sockets = []
selector = selectors.DefaultSelector()
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    s.setblocking(False)
    selector.register(s, selectors.EVENT_READ)
    sockets.append(s)
answered = 0
while answered < count:
    for key, _ in selector.select(timeout=30):
        data = key.fileobj.recv(4096)
        if not data.startswith(b"HTTP/1.1 200"):
            sys.exit(f"bad response: {data[:40]!r}")
        selector.unregister(key.fileobj)
        answered += 1
print(f"ready {answered}", flush=True)
sys.stdin.read()

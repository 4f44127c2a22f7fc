"""Replaces (or appends) the <!-- bench:NAME --> … <!-- /bench:NAME --> section of BENCHMARKS.md."""
import pathlib
import sys

path, name, body_file = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
body = pathlib.Path(body_file).read_text().rstrip() + "\n"
start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
text = path.read_text() if path.exists() else "# Benchmarks\n\nEach section is written by `bench/run.sh NAME` on this project's 2-core machine.\n"
block = f"{start}\n{body}{end}\n"
if start in text and end in text:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    text = head + block + tail.lstrip("\n")
else:
    text = text.rstrip() + "\n\n" + block
path.write_text(text)

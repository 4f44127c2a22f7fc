"""The command line as an outside program sees it: exit codes and one-line errors."""


def test_version(run_postern):
    r = run_postern("version")
    assert r.returncode == 0
    assert r.stdout.startswith("postern ")


def test_bad_arguments_exit_2_with_one_line(run_postern):
    r = run_postern("no-such-command")
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1


def test_second_server_on_a_taken_port_exits_with_one_line(server, run_postern, tmp_path):
    """Another `postern serve` (its own data folder) on a running server's port must not share it: with SO_REUSEPORT
    the kernel split connections between two issuers with different keys. It exits 1 with one line instead."""
    import requests

    address = server.base_url.removeprefix("http://")
    jwks = requests.get(server.url("/.well-known/jwks.json"), timeout=5).json()
    r = run_postern("serve", "--listen", address, "--data-dir", str(tmp_path / "second"), timeout=30)
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if not line.startswith("postern: warning: ")]
    assert errors == [f"postern: cannot listen on {address}: address already in use (is another server running there?)"]
    for _ in range(8):
        assert requests.get(server.url("/.well-known/jwks.json"), timeout=5).json() == jwks


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_invalid_utf8_argument_is_refused_and_nothing_is_stored(run_postern, tmp_path):
    """An argument that is not UTF-8 exits 2 with one line. Swift's CommandLine.arguments replaced the bytes with
    U+FFFD, so `client add --name $'\\xff'` registered a client named "\ufffd" and `user add` stored another address."""
    folder = tmp_path / "data"
    assert run_postern("client", "add", "--name", "first", "--data-dir", str(folder)).returncode == 0
    before = _files(folder)
    for args in (["client", "add", "--name", b"app\xff"], ["user", "add", "--email", b"a\xfe@example.com"]):
        r = run_postern(*args, "--data-dir", str(folder))
        assert r.returncode == 2, r.stderr
        assert r.stdout == ""
        assert r.stderr.splitlines() == ["postern: argument 4 is not valid UTF-8"]
        assert _files(folder) == before

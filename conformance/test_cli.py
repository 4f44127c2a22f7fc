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

"""Durability and key rotation of the OAuth core, against the real binary (API.md "Tokens", "Signing keys")."""
import requests
from joserfc import jwt
from joserfc.jwk import KeySet


def refresh(server, auth, token):
    return requests.post(server.url("/oauth/token"), data={"grant_type": "refresh_token", "refresh_token": token}, auth=auth)


def test_last_acknowledged_refresh_survives_kill_9(server, app_client, user):
    auth = (app_client["client_id"], app_client["client_secret"])
    r = requests.post(server.url("/oauth/token"), auth=auth,
                      data={"grant_type": "password", "username": user["email"], "password": user["password"]})
    token = r.json()["refresh_token"]
    for _ in range(50):
        r = refresh(server, auth, token)
        assert r.status_code == 200, r.text
        token = r.json()["refresh_token"]
    server.kill9()
    server.start()
    r = refresh(server, auth, token)
    assert r.status_code == 200, r.text
    verify = server.run_postern("audit", "verify", "--data-dir", server.data_dir)
    # The server holds the folder; verify is read-only and works alongside it.
    assert verify.returncode == 0, verify.stderr


def test_rotation_publishes_before_signing_and_old_tokens_keep_verifying(server, m2m_client):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    before = requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth).json()
    old_kid = jwt.decode(before["access_token"], KeySet.import_key_set(
        requests.get(server.url("/.well-known/jwks.json")).json())).header["kid"]
    server.stop()
    r = server.run_postern("keys", "rotate", "--data-dir", server.data_dir)
    assert r.returncode == 0, r.stderr
    new_kid = __import__("json").loads(r.stdout)["kid"]
    # While a rotation waits, a second one is refused.
    assert server.run_postern("keys", "rotate", "--data-dir", server.data_dir).returncode == 1
    server.start()
    jwks = requests.get(server.url("/.well-known/jwks.json")).json()
    assert {k["kid"] for k in jwks["keys"]} == {old_kid, new_kid}
    after = requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth).json()
    keys = KeySet.import_key_set(jwks)
    # The new key is published but does not sign until a JWKS max-age has passed.
    assert jwt.decode(after["access_token"], keys).header["kid"] == old_kid
    # A token from before the rotation still verifies against the served JWKS.
    assert jwt.decode(before["access_token"], keys).claims["sub"] == m2m_client["client_id"]
    listed = server.run_postern("keys", "list", "--data-dir", server.data_dir)
    assert listed.returncode == 0 and new_kid in listed.stdout and '"state":"next"' in listed.stdout


def test_state_changing_commands_refuse_while_serving(server):
    r = server.run_postern("client", "add", "--data-dir", server.data_dir, "--name", "x")
    assert r.returncode == 1
    assert f"pid {server.process.pid}" in r.stderr

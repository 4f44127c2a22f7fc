"""OAuth core against a real `postern serve`: authlib as the client, joserfc as the verifier.

API.md "Tokens" and "OAuth 2.0 / OIDC endpoints" (token, introspect, revoke), RFC 6749,
RFC 7009, RFC 7662, RFC 9068.
"""
import base64
import json
import re
import time

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.jwk import KeySet


def verify(server, token):
    """Verifies an access token against the served JWKS, as a resource server would."""
    keys = KeySet.import_key_set(requests.get(server.url("/.well-known/jwks.json")).json())
    decoded = jwt.decode(token, keys, algorithms=["ES256"])
    return decoded.header, decoded.claims


def test_client_credentials_basic_and_post(server, m2m_client):
    for method in ("client_secret_basic", "client_secret_post"):
        session = OAuth2Session(m2m_client["client_id"], m2m_client["client_secret"], token_endpoint_auth_method=method,
                                scope="read")
        token = session.fetch_token(server.url("/oauth/token"), grant_type="client_credentials")
        header, claims = verify(server, token["access_token"])
        assert header["alg"] == "ES256"
        assert header["typ"] == "at+jwt"
        assert claims["iss"] == server.base_url
        assert claims["sub"] == m2m_client["client_id"]
        assert claims["client_id"] == m2m_client["client_id"]
        assert claims["aud"] == server.base_url
        assert claims["exp"] - claims["iat"] == token["expires_in"]
        assert claims["scope"] == "read"
        assert token["token_type"] == "Bearer"
        assert "refresh_token" not in token


def test_token_responses_are_not_cached(server, m2m_client):
    r = requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"},
                      auth=(m2m_client["client_id"], m2m_client["client_secret"]))
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["X-Request-Id"]


def test_token_endpoint_accepts_json(server, m2m_client):
    r = requests.post(server.url("/oauth/token"), json={"grant_type": "client_credentials"},
                      auth=(m2m_client["client_id"], m2m_client["client_secret"]))
    assert r.status_code == 200, r.text


def test_introspection_and_revocation(server, m2m_client):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    token = requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth).json()
    info = requests.post(server.url("/oauth/introspect"), data={"token": token["access_token"]}, auth=auth).json()
    assert info["active"] is True
    assert info["client_id"] == m2m_client["client_id"]
    r = requests.post(server.url("/oauth/revoke"), data={"token": token["access_token"]}, auth=auth)
    assert r.status_code == 200
    info = requests.post(server.url("/oauth/introspect"), data={"token": token["access_token"]}, auth=auth).json()
    assert info == {"active": False}
    # RFC 7009 §2.2: an unknown token is still a 200.
    assert requests.post(server.url("/oauth/revoke"), data={"token": "nonsense"}, auth=auth).status_code == 200


def test_another_clients_token_cannot_be_revoked(server, m2m_client, app_client):
    """RFC 7009 §2.1: the server checks the token was issued to the caller; if not, the request is refused."""
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    token = requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth).json()
    r = requests.post(server.url("/oauth/revoke"), data={"token": token["access_token"]},
                      auth=(app_client["client_id"], app_client["client_secret"]))
    assert r.status_code == 400 and r.json()["error"] == "unauthorized_client"
    info = requests.post(server.url("/oauth/introspect"), data={"token": token["access_token"]}, auth=auth).json()
    assert info["active"] is True


def test_trusted_proxies_forward_the_client_address(postern_bin, data_dir, run_postern):
    """API.md POSTERN_TRUSTED_PROXIES: behind a trusted proxy the client is the forwarded address, so throttling
    and the audit log see clients, not the proxy; the header from an untrusted peer is ignored."""
    from server import PosternServer

    r = run_postern("client", "add", "--data-dir", data_dir, "--name", "m2m", "--grant", "client_credentials",
                    "--scope", "read")
    assert r.returncode == 0, r.stderr
    client = json.loads(r.stdout)
    token_url_data = {"grant_type": "client_credentials"}
    proxied = PosternServer(postern_bin, data_dir, env={"POSTERN_LOG_LEVEL": "warning",
                                                       "POSTERN_TRUSTED_PROXIES": "127.0.0.0/8"}).start()
    try:
        url = proxied.url("/oauth/token")
        for _ in range(5):
            r = requests.post(url, data=token_url_data, auth=(client["client_id"], "wrong"),
                              headers={"X-Forwarded-For": "203.0.113.9, 198.51.100.7"})
            assert r.status_code == 401
        right = (client["client_id"], client["client_secret"])
        r = requests.post(url, data=token_url_data, auth=right, headers={"X-Forwarded-For": "198.51.100.7"})
        assert r.status_code == 429
        r = requests.post(url, data=token_url_data, auth=right, headers={"X-Forwarded-For": "198.51.100.8"})
        assert r.status_code == 200
    finally:
        assert proxied.stop() == 0
    tail = run_postern("audit", "tail", "-n", "1", "--data-dir", data_dir)
    assert json.loads(tail.stdout.splitlines()[-1])["ip"] == "198.51.100.8"
    # Without trusted proxies the same header proves nothing: the socket peer is the client.
    plain = PosternServer(postern_bin, data_dir, env={"POSTERN_LOG_LEVEL": "warning"}).start()
    try:
        r = requests.post(plain.url("/oauth/token"), data=token_url_data, auth=(client["client_id"], client["client_secret"]),
                          headers={"X-Forwarded-For": "198.51.100.9"})
        assert r.status_code == 200
    finally:
        assert plain.stop() == 0
    tail = run_postern("audit", "tail", "-n", "1", "--data-dir", data_dir)
    assert json.loads(tail.stdout.splitlines()[-1])["ip"] == "127.0.0.1"


def test_password_grant_and_refresh_rotation_grace_and_reuse(server, app_client, user):
    auth = (app_client["client_id"], app_client["client_secret"])
    session = OAuth2Session(app_client["client_id"], app_client["client_secret"], scope="openid")
    first = session.fetch_token(server.url("/oauth/token"), username=user["email"], password=user["password"])
    _, claims = verify(server, first["access_token"])
    assert claims["sub"] == user["id"]
    rt0 = first["refresh_token"]
    second = requests.post(server.url("/oauth/token"), data={"grant_type": "refresh_token", "refresh_token": rt0}, auth=auth).json()
    rt1 = second["refresh_token"]
    assert rt1 != rt0
    # Within the grace window the immediate predecessor returns the same successor pair.
    again = requests.post(server.url("/oauth/token"), data={"grant_type": "refresh_token", "refresh_token": rt0}, auth=auth).json()
    assert again["refresh_token"] == rt1
    assert verify(server, again["access_token"])[1]["jti"] == verify(server, second["access_token"])[1]["jti"]
    # An older retired token is reuse: the whole family dies, with its access tokens.
    third = requests.post(server.url("/oauth/token"), data={"grant_type": "refresh_token", "refresh_token": rt1}, auth=auth).json()
    r = requests.post(server.url("/oauth/token"), data={"grant_type": "refresh_token", "refresh_token": rt0}, auth=auth)
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant"
    r = requests.post(server.url("/oauth/token"), data={"grant_type": "refresh_token", "refresh_token": third["refresh_token"]},
                      auth=auth)
    assert r.json()["error"] == "invalid_grant"
    # Every access token of the family is dead: the login's own, the rotations', and the grace replay's.
    for issued in (first, second, again, third):
        info = requests.post(server.url("/oauth/introspect"), data={"token": issued["access_token"]}, auth=auth).json()
        assert info == {"active": False}


@pytest.mark.parametrize(
    "data, auth_ok, status, error",
    [
        ({"grant_type": "client_credentials"}, False, 401, "invalid_client"),
        ({"grant_type": "urn:example:unknown"}, True, 400, "unsupported_grant_type"),
        ({"grant_type": "client_credentials", "scope": "admin"}, True, 400, "invalid_scope"),
        ({"grant_type": "password", "username": "x", "password": "y"}, True, 400, "unauthorized_client"),
        ({}, True, 400, "invalid_request"),
    ],
)
def test_bad_requests_get_rfc6749_errors(server, m2m_client, data, auth_ok, status, error):
    secret = m2m_client["client_secret"] if auth_ok else "wrong"
    r = requests.post(server.url("/oauth/token"), data=data, auth=(m2m_client["client_id"], secret))
    assert r.status_code == status
    body = r.json()
    assert body["error"] == error and body["error_description"]
    if status == 401:
        assert r.headers["WWW-Authenticate"].startswith("Basic")


def test_json_body_accepts_camel_case(server, app_client, user):
    """API.md conventions: JSON input also accepts camelCase names (`refreshToken`); both spellings is a repeat."""
    auth = (app_client["client_id"], app_client["client_secret"])
    login = requests.post(server.url("/oauth/token"), auth=auth,
                          json={"grantType": "password", "username": user["email"], "password": user["password"]})
    assert login.status_code == 200, login.text
    rotated = requests.post(server.url("/oauth/token"), auth=auth,
                            json={"grantType": "refresh_token", "refreshToken": login.json()["refresh_token"]})
    assert rotated.status_code == 200 and rotated.json()["refresh_token"] != login.json()["refresh_token"]
    both = requests.post(server.url("/oauth/token"), auth=auth,
                         json={"grant_type": "refresh_token", "refresh_token": "a", "refreshToken": "b"})
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"


def test_wrong_client_secrets_are_rate_limited(server, m2m_client, app_client):
    """API.md "Abuse protection": after 5 wrong secrets, the client is refused from that address until the backoff ends,
    even with the right secret; authlib sees an OAuth error, and another client is unaffected."""
    token_url = server.url("/oauth/token")
    for _ in range(5):
        r = requests.post(token_url, data={"grant_type": "client_credentials"}, auth=(m2m_client["client_id"], "wrong"))
        assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    r = requests.post(token_url, data={"grant_type": "client_credentials"},
                      auth=(m2m_client["client_id"], m2m_client["client_secret"]))
    assert r.status_code == 429 and r.json()["error"] == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 900
    session = OAuth2Session(m2m_client["client_id"], m2m_client["client_secret"], scope="read")
    with pytest.raises(Exception, match="rate_limited"):
        session.fetch_token(token_url, grant_type="client_credentials")
    r = requests.post(server.url("/oauth/introspect"), data={"token": "x"},
                      auth=(app_client["client_id"], app_client["client_secret"]))
    assert r.status_code == 200 and r.json() == {"active": False}


@pytest.mark.parametrize("path", ["/oauth/token", "/oauth/introspect", "/oauth/revoke"])
@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"grant_type=client_credentials&grant_type=client_credentials", "application/x-www-form-urlencoded"),
        # RFC 6749 §3.2: a name sent twice is refused even when one of the two is empty.
        (b"grant_type=&grant_type=client_credentials&token=&token=x", "application/x-www-form-urlencoded"),
        (b"grant_type=%zz", "application/x-www-form-urlencoded"),
        (b"grant_type=client_credentials&token=x&x=%00", "application/x-www-form-urlencoded"),
        (b"grant_type=client_credentials&token=x&x=\xff", "application/x-www-form-urlencoded"),
        (b"{not json", "application/json"),
        (b"grant_type=client_credentials", "text/plain"),
        (b"x" * (70 * 1024), "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_bodies_never_500(server, m2m_client, path, body, content_type):
    r = requests.post(server.url(path), data=body, headers={"Content-Type": content_type},
                      auth=(m2m_client["client_id"], m2m_client["client_secret"]))
    assert 400 <= r.status_code < 500
    assert "error" in r.json()


@pytest.mark.parametrize("path", ["/oauth/token", "/oauth/introspect", "/oauth/revoke"])
def test_two_authorization_fields_are_refused(server, m2m_client, app_client, path):
    """RFC 9110 §5.3 and RFC 6749 §2.3: two Authorization fields are two authentications, refused whichever is first."""
    import http.client
    from urllib.parse import urlsplit

    def basic(client):
        raw = f"{client['client_id']}:{client['client_secret']}".encode()
        return "Basic " + base64.b64encode(raw).decode()

    url = urlsplit(server.base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.putrequest("POST", path)
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Authorization", basic(m2m_client))
    conn.putheader("Authorization", basic(app_client))
    body = b"grant_type=client_credentials&token=x"
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    r = conn.getresponse()
    assert r.status == 400
    assert json.loads(r.read())["error"] == "invalid_request"
    conn.close()


def test_discovery_and_jwks(server):
    meta = requests.get(server.url("/.well-known/openid-configuration")).json()
    assert meta["issuer"] == server.base_url
    assert meta["jwks_uri"] == server.url("/.well-known/jwks.json")
    assert requests.get(server.url("/.well-known/oauth-authorization-server")).json()["issuer"] == server.base_url
    r = requests.get(server.url("/.well-known/jwks.json"))
    assert r.headers["Cache-Control"] == "public, max-age=300"
    etag = r.headers["ETag"]
    assert etag.startswith('"')
    for key in r.json()["keys"]:
        assert key["kty"] == "EC" and key["crv"] == "P-256" and "d" not in key
    # RFC 9110 §13.1.2: weak comparison, a list, and "*" all match; a lower-case weak prefix and a bare tag do not.
    for header in (etag, "W/" + etag, '"other", ' + etag, "*"):
        r = requests.get(server.url("/.well-known/jwks.json"), headers={"If-None-Match": header})
        assert r.status_code == 304 and r.headers["ETag"] == etag and not r.content, header
    for header in ('"other"', "w/" + etag, etag.strip('"')):
        assert requests.get(server.url("/.well-known/jwks.json"), headers={"If-None-Match": header}).status_code == 200, header


def test_metrics_count_tokens_by_grant_and_failures_by_error(server, m2m_client):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    for _ in range(3):
        assert requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth).ok
    requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials", "scope": "admin"}, auth=auth)
    text = requests.get(server.url("/metrics")).text
    assert 'postern_tokens_issued_total{grant="client_credentials"} 3' in text
    assert 'postern_token_errors_total{error="invalid_scope"} 1' in text
    assert 'route="/oauth/token"' in text
    # Each of the three issues waited for its audit event's fsync.
    assert re.search(r"^postern_store_commit_seconds_count [3-9]", text, re.M), text


def test_metrics_count_logins_by_result(server, app_client, user):
    auth = (app_client["client_id"], app_client["client_secret"])
    good = {"grant_type": "password", "username": user["email"], "password": user["password"]}
    assert requests.post(server.url("/oauth/token"), data=good, auth=auth).ok
    for _ in range(5):
        r = requests.post(server.url("/oauth/token"), data={**good, "password": "wrong"}, auth=auth)
        assert r.json()["error"] == "invalid_grant"
    assert requests.post(server.url("/oauth/token"), data=good, auth=auth).status_code == 429
    # Refusals that checked no password are not logins: a missing password, and client authentication (wrong
    # secrets, then its own 429).
    requests.post(server.url("/oauth/token"), data={"grant_type": "password", "username": user["email"]}, auth=auth)
    for _ in range(6):
        requests.post(server.url("/oauth/token"), data=good, auth=(app_client["client_id"], "wrong"))
    text = requests.get(server.url("/metrics")).text
    assert 'postern_logins_total{result="success"} 1' in text
    assert 'postern_logins_total{result="failure"} 5' in text
    assert 'postern_logins_total{result="throttled"} 1' in text

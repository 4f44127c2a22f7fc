"""JOSE interop: tokens and keys from `postern debug jwt-sign` checked by joserfc, jwcrypto and
cryptography, and tokens from those libraries checked by `postern debug jwt-verify`."""
import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, RSAKey
from jwcrypto import jwk as jwcrypto_jwk
from jwcrypto import jws as jwcrypto_jws

ISSUER = "https://id.interop.test"
AUDIENCE = "https://api.interop.test"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture
def postern_token(run_postern, tmp_path):
    """Runs `debug jwt-sign` for an algorithm; returns (kid, jwk dict, token, folder)."""

    def make(alg):
        folder = tmp_path / alg
        r = run_postern("debug", "jwt-sign", "--key-out", str(folder), "--alg", alg, "--iss", ISSUER,
                        "--aud", AUDIENCE, "--sub", "usr_interop", "--typ", "at+jwt",
                        "--claim", 'scope="openid profile"', "--claim", 'roles=["admin","user"]')
        assert r.returncode == 0, r.stderr
        kid = r.stdout.strip()
        return kid, json.loads((folder / "jwk.json").read_text()), (folder / "token.jwt").read_text(), folder

    return make


@pytest.mark.parametrize("alg", ["ES256", "RS256"])
def test_python_verifies_postern_tokens(postern_token, alg):
    kid, public, token, folder = postern_token(alg)
    assert "d" not in public and public["kid"] == kid and public["alg"] == alg and public["use"] == "sig"

    key = (ECKey if alg == "ES256" else RSAKey).import_key(public)
    decoded = jwt.decode(token, key, algorithms=[alg])
    assert decoded.header == {"alg": alg, "kid": kid, "typ": "at+jwt"}
    jwt.JWTClaimsRegistry(iss={"essential": True, "value": ISSUER}, aud={"essential": True, "value": AUDIENCE},
                          sub={"essential": True, "value": "usr_interop"}).validate(decoded.claims)
    assert decoded.claims["scope"] == "openid profile" and decoded.claims["roles"] == ["admin", "user"]
    assert decoded.claims["iat"] <= time.time() < decoded.claims["exp"]

    # A second, independent implementation.
    verifier = jwcrypto_jws.JWS()
    verifier.deserialize(token)
    verifier.verify(jwcrypto_jwk.JWK(**public), alg=alg)
    assert json.loads(verifier.payload)["sub"] == "usr_interop"

    # The PKCS#8 PEM holds the same key as the published JWK.
    private = serialization.load_pem_private_key((folder / "private.pem").read_bytes(), password=None)
    assert isinstance(private, ec.EllipticCurvePrivateKey if alg == "ES256" else rsa.RSAPrivateKey)
    assert jwcrypto_jwk.JWK.from_pyca(private.public_key()).thumbprint() == kid


@pytest.mark.parametrize("alg", ["ES256", "RS256"])
def test_thumbprint_matches_python(postern_token, alg):
    kid, public, _, _ = postern_token(alg)
    assert (ECKey if alg == "ES256" else RSAKey).import_key(public).thumbprint() == kid
    assert jwcrypto_jwk.JWK(**public).thumbprint() == kid


def test_postern_tokens_fail_in_python_when_tampered(postern_token):
    kid, public, token, _ = postern_token("ES256")
    header, payload, signature = token.split(".")
    forged_payload = b64url(json.dumps({"iss": ISSUER, "aud": AUDIENCE, "sub": "usr_admin"}).encode())
    with pytest.raises(Exception):
        jwt.decode(f"{header}.{forged_payload}.{signature}", ECKey.import_key(public), algorithms=["ES256"])


# Python signs, Postern verifies.

@pytest.fixture
def python_keys():
    ec_key = ECKey.generate_key("P-256", auto_kid=True)
    rsa_key = RSAKey.generate_key(2048, auto_kid=True)
    return {"ES256": ec_key, "RS256": rsa_key}


def write_jwks(tmp_path, *keys):
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [dict(k.as_dict(private=False), use="sig") for k in keys]}))
    return path


def claims(**overrides):
    now = int(time.time())
    base = {"iss": ISSUER, "aud": AUDIENCE, "sub": "usr_py", "iat": now, "nbf": now, "exp": now + 300,
            "jti": "py-1", "client_id": "cli_py", "amr": ["pwd"]}
    base.update(overrides)
    return base


def verify(run_postern, tmp_path, jwks, token, *extra):
    token_path = tmp_path / "token.jwt"
    token_path.write_text(token)
    return run_postern("debug", "jwt-verify", "--jwks", str(jwks), "--token", str(token_path),
                       "--iss", ISSUER, "--aud", AUDIENCE, *extra)


@pytest.mark.parametrize("alg", ["ES256", "RS256"])
def test_postern_verifies_python_tokens(run_postern, tmp_path, python_keys, alg):
    key = python_keys[alg]
    jwks = write_jwks(tmp_path, *python_keys.values())
    signed = claims()
    token = jwt.encode({"alg": alg, "kid": key.kid, "typ": "at+jwt"}, signed, key)
    r = verify(run_postern, tmp_path, jwks, token, "--alg", alg, "--typ", "at+jwt")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == signed


def test_postern_verifies_with_jwcrypto_signature(run_postern, tmp_path):
    key = jwcrypto_jwk.JWK.generate(kty="EC", crv="P-256")
    kid = key.thumbprint()
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [dict(json.loads(key.export_public()), kid=kid)]}))
    signer = jwcrypto_jws.JWS(json.dumps(claims()).encode())
    signer.add_signature(key, alg="ES256", protected=json.dumps({"alg": "ES256", "kid": kid}))
    r = verify(run_postern, tmp_path, jwks, signer.serialize(compact=True))
    assert r.returncode == 0, r.stderr


def test_postern_rejects_wrong_signature(run_postern, tmp_path, python_keys):
    impostor = ECKey.generate_key("P-256")
    jwks = write_jwks(tmp_path, python_keys["ES256"])
    # Signed by another key but naming the trusted key's kid.
    token = jwt.encode({"alg": "ES256", "kid": python_keys["ES256"].kid}, claims(), impostor)
    r = verify(run_postern, tmp_path, jwks, token)
    assert r.returncode == 1
    assert "invalidSignature" in r.stderr


def test_postern_rejects_alg_none(run_postern, tmp_path, python_keys):
    jwks = write_jwks(tmp_path, python_keys["ES256"])
    header = b64url(json.dumps({"alg": "none", "kid": python_keys["ES256"].kid}).encode())
    token = f"{header}.{b64url(json.dumps(claims()).encode())}."
    r = verify(run_postern, tmp_path, jwks, token)
    assert r.returncode == 1
    assert "unsupportedAlgorithm" in r.stderr


def test_postern_rejects_hs256_keyed_with_its_public_key(run_postern, tmp_path, python_keys):
    """The algorithm-confusion attack: HMAC with the published public key as the secret."""
    key = python_keys["RS256"]
    jwks = write_jwks(tmp_path, key)
    public_pem = key.as_pem(private=False)
    header = b64url(json.dumps({"alg": "HS256", "kid": key.kid}).encode())
    signing_input = f"{header}.{b64url(json.dumps(claims()).encode())}"
    for secret in (public_pem, jwks.read_bytes()):
        mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        r = verify(run_postern, tmp_path, jwks, f"{signing_input}.{b64url(mac)}")
        assert r.returncode == 1
        assert "unsupportedAlgorithm" in r.stderr


@pytest.mark.parametrize("overrides, reason", [
    ({"exp": int(time.time()) - 120}, "expired"),
    ({"nbf": int(time.time()) + 3600}, "notYetValid"),
    ({"aud": "https://elsewhere.test"}, "audienceMismatch"),
    ({"iss": "https://evil.test"}, "issuerMismatch"),
])
def test_postern_rejects_bad_claims(run_postern, tmp_path, python_keys, overrides, reason):
    key = python_keys["ES256"]
    jwks = write_jwks(tmp_path, key)
    token = jwt.encode({"alg": "ES256", "kid": key.kid}, claims(**overrides), key)
    r = verify(run_postern, tmp_path, jwks, token)
    assert r.returncode == 1
    assert reason in r.stderr


def test_postern_rejects_unknown_kid_and_disallowed_alg(run_postern, tmp_path, python_keys):
    jwks = write_jwks(tmp_path, python_keys["ES256"])
    unknown = jwt.encode({"alg": "ES256", "kid": "nobody"}, claims(), python_keys["ES256"])
    r = verify(run_postern, tmp_path, jwks, unknown)
    assert r.returncode == 1 and "unknownKeyID" in r.stderr
    es256 = jwt.encode({"alg": "ES256", "kid": python_keys["ES256"].kid}, claims(), python_keys["ES256"])
    r = verify(run_postern, tmp_path, jwks, es256, "--alg", "RS256")
    assert r.returncode == 1 and "algorithmNotAllowed" in r.stderr


def test_postern_rejects_jwks_with_private_key(run_postern, tmp_path, python_keys):
    key = python_keys["ES256"]
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [key.as_dict(private=True)]}))
    token = jwt.encode({"alg": "ES256", "kid": key.kid}, claims(), key)
    r = verify(run_postern, tmp_path, jwks, token)
    assert r.returncode == 1
    assert "private member" in r.stderr


def test_debug_and_bench_commands_are_hidden(run_postern):
    r = run_postern("--help")
    assert r.returncode == 0
    assert "debug" not in r.stdout and "bench" not in r.stdout

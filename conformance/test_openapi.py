"""The OpenAPI document (Sources/PosternServer/openapi.yaml) against the real server: it is valid OpenAPI 3.1, every
operation it lists is served with a status it documents, and the bodies match its schemas."""
import copy
import pathlib

import jsonschema
import pytest
import requests
import yaml
from openapi_spec_validator import validate

SPEC_PATH = pathlib.Path(__file__).resolve().parent.parent / "Sources" / "PosternServer" / "openapi.yaml"
SPEC = yaml.safe_load(SPEC_PATH.read_text())


def resolve(node, root=SPEC):
    """The node with every local $ref replaced by what it points to."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return resolve(copy.deepcopy(target), root)
        return {k: resolve(v, root) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, root) for v in node]
    return node


def check(response, path, method):
    """The status is documented for the operation, and a JSON body matches the documented schema."""
    responses = resolve(SPEC["paths"][path][method]["responses"])
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} answered {status}, not documented"
    content = responses[status].get("content", {})
    if "application/json" in content:
        assert response.headers["Content-Type"].startswith("application/json")
        jsonschema.validate(response.json(), content["application/json"]["schema"])
    return response


def test_the_document_is_valid_openapi():
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


def test_every_documented_operation_is_served_with_a_documented_status(server):
    for path, operations in SPEC["paths"].items():
        for method in operations:
            if method == "get":
                r = requests.get(server.url(path))
            else:
                # No credentials and no body: a refusal, which must itself be documented.
                r = requests.post(server.url(path), data="", headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert r.status_code != 404, f"{method.upper()} {path} is documented but not served"
            check(r, path, method)


def test_success_bodies_match_their_schemas(server, m2m_client):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    token = check(requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth),
                  "/oauth/token", "post")
    assert token.status_code == 200
    access = token.json()["access_token"]
    active = check(requests.post(server.url("/oauth/introspect"), data={"token": access}, auth=auth),
                   "/oauth/introspect", "post")
    assert active.json()["active"] is True
    assert check(requests.post(server.url("/oauth/revoke"), data={"token": access}, auth=auth),
                 "/oauth/revoke", "post").status_code == 200
    jwks = check(requests.get(server.url("/.well-known/jwks.json")), "/.well-known/jwks.json", "get")
    assert check(requests.get(server.url("/.well-known/jwks.json"), headers={"If-None-Match": jwks.headers["ETag"]}),
                 "/.well-known/jwks.json", "get").status_code == 304
    # Every endpoint the discovery document advertises is in the OpenAPI document.
    discovery = check(requests.get(server.url("/.well-known/openid-configuration")),
                      "/.well-known/openid-configuration", "get").json()
    for key, value in discovery.items():
        if key.endswith("_endpoint") or key == "jwks_uri":
            path = "/" + value.split("/", 3)[3]
            assert path in SPEC["paths"], f"discovery advertises {key} {path}, which the OpenAPI document lacks"


@pytest.mark.parametrize("body", ["grant_type=urn%3Anope", "grant_type=client_credentials&grant_type=password"])
def test_refusals_have_the_documented_error_shape(server, m2m_client, body):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    r = check(requests.post(server.url("/oauth/token"), data=body, auth=auth,
                            headers={"Content-Type": "application/x-www-form-urlencoded"}), "/oauth/token", "post")
    assert r.status_code == 400

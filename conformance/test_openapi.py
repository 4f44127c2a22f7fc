"""The OpenAPI document the real server serves at GET /openapi.json (API.md "Operations"): it is valid OpenAPI 3.1,
every operation it lists is served with a status it documents, and the bodies match its schemas."""
import copy

import jsonschema
import pytest
import requests
from openapi_spec_validator import validate


@pytest.fixture
def spec(server):
    r = requests.get(server.url("/openapi.json"))
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    return r.json()


def resolve(node, root):
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


def check(spec, response, path, method):
    """The status is documented for the operation, and a JSON body matches the documented schema."""
    responses = resolve(spec["paths"][path][method]["responses"], spec)
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} answered {status}, not documented"
    content = responses[status].get("content", {})
    if "application/json" in content:
        assert response.headers["Content-Type"].startswith("application/json")
        jsonschema.validate(response.json(), content["application/json"]["schema"])
    return response


def test_the_document_is_valid_openapi(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_documented_operation_is_served_with_a_documented_status(server, spec):
    for path, operations in spec["paths"].items():
        for method in operations:
            if method == "get":
                r = requests.get(server.url(path))
            else:
                # No credentials and no body: a refusal, which must itself be documented.
                r = requests.post(server.url(path), data="", headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert r.status_code != 404, f"{method.upper()} {path} is documented but not served"
            check(spec, r, path, method)


def test_success_bodies_match_their_schemas(server, spec, m2m_client):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    token = check(spec, requests.post(server.url("/oauth/token"), data={"grant_type": "client_credentials"}, auth=auth),
                  "/oauth/token", "post")
    assert token.status_code == 200
    access = token.json()["access_token"]
    active = check(spec, requests.post(server.url("/oauth/introspect"), data={"token": access}, auth=auth),
                   "/oauth/introspect", "post")
    assert active.json()["active"] is True
    assert check(spec, requests.post(server.url("/oauth/revoke"), data={"token": access}, auth=auth),
                 "/oauth/revoke", "post").status_code == 200
    jwks = check(spec, requests.get(server.url("/.well-known/jwks.json")), "/.well-known/jwks.json", "get")
    assert check(spec, requests.get(server.url("/.well-known/jwks.json"), headers={"If-None-Match": jwks.headers["ETag"]}),
                 "/.well-known/jwks.json", "get").status_code == 304
    # Every endpoint the discovery document advertises is in the OpenAPI document.
    discovery = check(spec, requests.get(server.url("/.well-known/openid-configuration")),
                      "/.well-known/openid-configuration", "get").json()
    for key, value in discovery.items():
        if key.endswith("_endpoint") or key == "jwks_uri":
            path = "/" + value.split("/", 3)[3]
            assert path in spec["paths"], f"discovery advertises {key} {path}, which the OpenAPI document lacks"


@pytest.mark.parametrize("body", ["grant_type=urn%3Anope", "grant_type=client_credentials&grant_type=password"])
def test_refusals_have_the_documented_error_shape(server, spec, m2m_client, body):
    auth = (m2m_client["client_id"], m2m_client["client_secret"])
    r = check(spec, requests.post(server.url("/oauth/token"), data=body, auth=auth,
                            headers={"Content-Type": "application/x-www-form-urlencoded"}), "/oauth/token", "post")
    assert r.status_code == 400

/// The OpenAPI 3.1 description of the routes as built, served at `GET /openapi.json` (API.md "Operations").
///
/// This literal is the one copy of the document: the conformance suite reads it from the running server, checks that
/// it is valid OpenAPI and exercises every operation it lists, and `OpenAPIDocumentTests` checks that it lists
/// exactly the routes the application registers. Edit it when a route is added or changes.
enum OpenAPIDocument {
    static let body: [UInt8] = Array(json.utf8)

    private static let json = ##"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Postern",
    "version": "0.1.0",
    "summary": "The endpoints Postern serves today (the contract in full is ../shared/API.md).",
    "description": "Served at `GET /openapi.json`. Only what is built is listed here; README.md \"Not built yet\" names the rest of API.md.\nEvery error has one shape, `{\"error\",\"error_description\"}` (API.md \"Errors\"). Token, refresh,\nrevocation and introspection answers are sent only once the change behind them (and its audit\nevent) is durable.\n"
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8080"
    }
  ],
  "paths": {
    "/oauth/token": {
      "post": {
        "summary": "Token endpoint (RFC 6749 §3.2)",
        "description": "Grants `client_credentials`, `password` (clients registered for it) and `refresh_token`\n(single-use rotation, a grace window for the immediate predecessor, reuse revokes the family).\nClients authenticate with `client_secret_basic` (RFC 6749 §2.3.1 form-encoded id and secret) or\n`client_secret_post`; public clients send `client_id`. Repeated parameters are refused.\n",
        "security": [
          {
            "clientSecretBasic": []
          },
          {}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/TokenRequest"
              }
            },
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TokenRequestJSON"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Tokens (RFC 6749 §5.1); `Cache-Control: no-store`, `Pragma: no-cache`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "415": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/RetryLater"
          },
          "503": {
            "$ref": "#/components/responses/RetryLater"
          }
        }
      }
    },
    "/oauth/introspect": {
      "post": {
        "summary": "Token introspection (RFC 7662), for confidential clients",
        "security": [
          {
            "clientSecretBasic": []
          },
          {}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/TokenReference"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "`{\"active\": false}` for any token this client may not see, else its claims.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Introspection"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "415": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/RetryLater"
          }
        }
      }
    },
    "/oauth/revoke": {
      "post": {
        "summary": "Token revocation (RFC 7009)",
        "description": "200 with an empty body, also for an unknown, expired or already revoked token (RFC 7009 §2.2); 400\n`unauthorized_client` for a valid token issued to another client (§2.1), which stays valid.\nRevoking a refresh token revokes its family and denies the family's live access tokens.\n",
        "security": [
          {
            "clientSecretBasic": []
          },
          {}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/TokenReference"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Revoked, or nothing to revoke."
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "415": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/RetryLater"
          }
        }
      }
    },
    "/.well-known/openid-configuration": {
      "get": {
        "summary": "OpenID Connect discovery (only the endpoints that exist)",
        "responses": {
          "200": {
            "description": "The discovery document; `Cache-Control: public, max-age=300`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Discovery"
                }
              }
            }
          }
        }
      }
    },
    "/.well-known/oauth-authorization-server": {
      "get": {
        "summary": "OAuth 2.0 authorization server metadata (RFC 8414), the same document",
        "responses": {
          "200": {
            "description": "The metadata document; `Cache-Control: public, max-age=300`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Discovery"
                }
              }
            }
          }
        }
      }
    },
    "/.well-known/jwks.json": {
      "get": {
        "summary": "The signing keys' public halves (RFC 7517)",
        "parameters": [
          {
            "name": "If-None-Match",
            "in": "header",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The JWKS, with a strong `ETag` and `Cache-Control: public, max-age=300`.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "keys"
                  ],
                  "properties": {
                    "keys": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "kty",
                          "kid",
                          "use",
                          "alg"
                        ],
                        "properties": {
                          "kty": {
                            "type": "string"
                          },
                          "kid": {
                            "type": "string"
                          },
                          "use": {
                            "const": "sig"
                          },
                          "alg": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "304": {
            "description": "The `If-None-Match` tag matches."
          }
        }
      }
    },
    "/healthz": {
      "get": {
        "summary": "Liveness",
        "responses": {
          "200": {
            "description": "The process is up.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                }
              }
            }
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "summary": "Readiness (store open, signing keys loaded)",
        "responses": {
          "200": {
            "description": "Ready.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                }
              }
            }
          },
          "503": {
            "description": "Starting.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus text exposition",
        "responses": {
          "200": {
            "description": "HTTP requests by route and status, latency, connections; tokens issued by grant, token errors by code.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document (API.md \"Operations\")",
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 description of the routes as built.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "openapi",
                    "info",
                    "paths"
                  ],
                  "properties": {
                    "openapi": {
                      "type": "string"
                    },
                    "info": {
                      "type": "object"
                    },
                    "paths": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "clientSecretBasic": {
        "type": "http",
        "scheme": "basic"
      }
    },
    "responses": {
      "Error": {
        "description": "The one error shape (API.md \"Errors\").",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "`invalid_client`; with `WWW-Authenticate: Basic realm=\"postern\"` when Basic was tried.",
        "headers": {
          "WWW-Authenticate": {
            "schema": {
              "type": "string"
            }
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "RetryLater": {
        "description": "`rate_limited` (429) or `overloaded` (503), with `Retry-After` in seconds.",
        "headers": {
          "Retry-After": {
            "schema": {
              "type": "integer"
            }
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "error",
          "error_description"
        ],
        "properties": {
          "error": {
            "type": "string"
          },
          "error_description": {
            "type": "string"
          },
          "field": {
            "type": "string"
          }
        }
      },
      "Status": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "ready",
              "starting"
            ]
          }
        }
      },
      "TokenRequest": {
        "type": "object",
        "required": [
          "grant_type"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "enum": [
              "client_credentials",
              "password",
              "refresh_token"
            ]
          },
          "scope": {
            "type": "string"
          },
          "resource": {
            "type": "string",
            "description": "RFC 8707 audience"
          },
          "username": {
            "type": "string"
          },
          "password": {
            "type": "string"
          },
          "refresh_token": {
            "type": "string"
          },
          "client_id": {
            "type": "string"
          },
          "client_secret": {
            "type": "string"
          }
        }
      },
      "TokenRequestJSON": {
        "description": "The same parameters as a JSON object; integers are taken as their text (some client libraries send them), and parameters the grant does not read are ignored, as in a form. A camelCase name is read as its snake_case spelling (grantType, refreshToken, clientId…); sending both spellings repeats the parameter (400).",
        "type": "object",
        "anyOf": [
          {
            "required": [
              "grant_type"
            ]
          },
          {
            "required": [
              "grantType"
            ]
          }
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "enum": [
              "client_credentials",
              "password",
              "refresh_token"
            ]
          }
        },
        "additionalProperties": {
          "type": [
            "string",
            "integer"
          ]
        }
      },
      "TokenResponse": {
        "type": "object",
        "required": [
          "access_token",
          "token_type",
          "expires_in",
          "scope"
        ],
        "properties": {
          "access_token": {
            "type": "string",
            "description": "RFC 9068 JWT (typ at+jwt",
            "ES256)": null
          },
          "token_type": {
            "const": "Bearer"
          },
          "expires_in": {
            "type": "integer"
          },
          "scope": {
            "type": "string"
          },
          "refresh_token": {
            "type": "string"
          }
        }
      },
      "Introspection": {
        "type": "object",
        "required": [
          "active"
        ],
        "properties": {
          "active": {
            "type": "boolean"
          },
          "token_type": {
            "type": "string"
          },
          "client_id": {
            "type": "string"
          },
          "sub": {
            "type": "string"
          },
          "scope": {
            "type": "string"
          },
          "iss": {
            "type": "string"
          },
          "exp": {
            "type": "integer"
          },
          "iat": {
            "type": "integer"
          }
        }
      },
      "Discovery": {
        "type": "object",
        "required": [
          "issuer",
          "token_endpoint",
          "jwks_uri",
          "grant_types_supported"
        ],
        "properties": {
          "issuer": {
            "type": "string"
          },
          "token_endpoint": {
            "type": "string"
          },
          "jwks_uri": {
            "type": "string"
          },
          "introspection_endpoint": {
            "type": "string"
          },
          "revocation_endpoint": {
            "type": "string"
          },
          "grant_types_supported": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "TokenReference": {
        "type": "object",
        "required": [
          "token"
        ],
        "properties": {
          "token": {
            "type": "string"
          },
          "token_type_hint": {
            "type": "string",
            "enum": [
              "access_token",
              "refresh_token"
            ]
          },
          "client_id": {
            "type": "string"
          },
          "client_secret": {
            "type": "string"
          }
        }
      }
    }
  }
}
"""##
}

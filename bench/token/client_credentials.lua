-- wrk: POST /oauth/token, grant_type=client_credentials, client_secret_basic (AUTH is "id:secret" base64).
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("AUTH")

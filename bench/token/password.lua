-- wrk: POST /oauth/token, grant_type=password for one user (the saturation run: 503s expected past the hashing pool).
wrk.method = "POST"
wrk.body = "grant_type=password&username=" .. os.getenv("USERNAME_") .. "&password=" .. os.getenv("PASSWORD_")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("AUTH")

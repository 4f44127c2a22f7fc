/// PEM keys for the tests: RFC 7515's own example keys, and keys made with the `openssl` CLI that
/// Postern must refuse.
enum KeyFixtures {
    /// RFC 7515 Appendix A.3.1: the P-256 key of the ES256 example, as PKCS#8.
    static let rfc7515P256 = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjpsQnnGQmL+YBIff
    H1136cspYG6+0iY7X1fCE9+E9LKhRANCAAR/zc4ncPbEXUGDy+5v20t7WAczNXvp
    7xO6z248e9FURcfxRM0bvZt+hyzf7bnuufSzaV1uqQskrYpGIyiFiOWt
    -----END PRIVATE KEY-----
    """
    /// Its public point (A.3.1 "x" and "y", in hex).
    static let rfc7515P256X = "7fcdce2770f6c45d4183cbee6fdb4b7b580733357be9ef13bacf6e3c7bd15445"
    static let rfc7515P256Y = "c7f144cd1bbd9b7e872cdfedb9eeb9f4b3695d6ea90b24ad8a4623288588e5ad"

    /// A P-256 key encrypted with a passphrase: Postern must refuse it without prompting.
    static let encryptedP256 = """
    -----BEGIN ENCRYPTED PRIVATE KEY-----
    MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg8Q+z/0VFLPQICCAAw
    DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEJy1KnA/y1bht/tM4gC0yCEEgZAn
    4NAfvwIHnfbhQSP5qAM/w1gDTcZ8NpYbU0NOJhFhI2zoSNM7v71f/WoNIQ3VBkza
    UoPlQyxGp4Xn8Yczit3gRgWmCTV3GYDQn5ytR3UlZWckoEsZ1ZfSt6B+O/QYTWIu
    L+KNngV/4tOFhZF0jjWWx0p0LYsbDnQMPHT2jnzjqSzjfQv+WYw4egFkzPS/uuo=
    -----END ENCRYPTED PRIVATE KEY-----
    """

    /// A P-384 key: an EC key, but not the curve ES256 needs.
    static let p384 = """
    -----BEGIN PRIVATE KEY-----
    MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBDHfX+4be9DICuRrZe
    KgL0KWOAJyz/FufOBV7e+/0VCjleDXkXBMgsqRZK397DXXahZANiAARbopYaY5g8
    stAafiVMAPLD/v6dl4XJN4/m/WtTN3uWO0juJ4aGLzSUmV0r192KmlzAXvOvvAXr
    +MQZ0GgAds4j1nkbKDSNF3CixuI4sknaN1jvk4g1M1IcqYmxTzm6+tY=
    -----END PRIVATE KEY-----
    """

    /// An RSA-1024 key: below RFC 7518 §3.3's 2048-bit minimum.
    static let rsa1024 = """
    -----BEGIN PRIVATE KEY-----
    MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAOvZz1S5LazwUuyb
    t+U04mapuXJvb2PJthGgxwVbULPO4ClBydReZQLwpie8CvksaUDH+YgdKv+wfdS/
    D+9A1yqpH6LDYiWVUHVp2l3AMgpMv7cFUroHokiYQapBXs+YSTdllJg+p/G9NkzH
    k7Q0c4LRk1AvTfUFp1Fzk6OMp+1LAgMBAAECgYA7UW2+7lAZldwVXFjVEgb7MSbO
    LE7Etz/OkTRdGYljn91rIvvDKPaY1bPEfJv57XyPaXxOCp/87QPI1UEJuLIksgBc
    ghkc+Jim30CqjS6pZsaW64TWYO218OsgiV3pGOH67FQDwrJCMgJoohpU+QzAB6GU
    zFq2KV+CUa+1H/wzOQJBAPteuATrE5j57V5eMQ9v9Q2CPEAabVTrLtlEtmCexEyg
    lSfqtFB9zVgFFguyDaO+kMxgnEk/jhMDyCD0+su2cWcCQQDwMenp6WDjcorXil+C
    wGWFUR2c46gKWyx3gz5TnJRMju7GCy0WKDPUPwLSI1ydkieE6rGR6oRkwFYBOHeW
    OkJ9AkEA9DCakWSQIC7Ckcbs3/NB2kKnJxrFFRZ252fhx9DUHyBsZV+SlRLw1U3z
    kZ8Bsw0f+vrrOBj+eqhU1PdHX3g3hwJBALp3NU1m5NWNrWWIwX7i1604fJG4VlK7
    1vhsxazpKGOKrqjGMlk6GopR5GG4HAUjWlSgUfuiIOeKPPozmPrh/Y0CQExOA0H7
    iii5pzHVRLm3G6YIN8+QQejPqnMY7CMk7cG4GVsLneOwL+cMumzvSDM6KL0sidfX
    DwL/iEcx6tJhcpA=
    -----END PRIVATE KEY-----
    """
}

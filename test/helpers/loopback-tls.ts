/**
 * A self-signed certificate for 127.0.0.1 and localhost (valid until 2126), for tests that
 * serve HTTPS on loopback. Its private key protects nothing: it exists only in this file.
 */
export const loopbackTls = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg+i6MImopkDNuQRov
SkZW8u8hfSRZY9O9uuyq6nihbmShRANCAAQFfDVa8hRBmzidG9EW29RjS0UddPWp
sru0i3g9oQInS5CDJHHZUIiedtIjpK2CbAqY92vrpKoT8g5C9Nd554n7
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBtDCCAVugAwIBAgIUZVg+HGS313qAaJt5UpyeVRVKMqkwCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWbXNlLWJpbmQgbG9vcGJhY2sgdGVzdDAgFw0yNjEyMDMxOTE4
MzlaGA8yMTI2MTEwOTE5MTgzOVowITEfMB0GA1UEAwwWbXNlLWJpbmQgbG9vcGJh
Y2sgdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAV8NVryFEGbOJ0b0Rbb
1GNLRR109amyu7SLeD2hAidLkIMkcdlQiJ520iOkrYJsCpj3a+ukqhPyDkL013nn
ifujbzBtMB0GA1UdDgQWBBRu/uAWeEmzd6FDv8CExN0op1egTDAfBgNVHSMEGDAW
gBRu/uAWeEmzd6FDv8CExN0op1egTDAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQT
MBGHBH8AAAGCCWxvY2FsaG9zdDAKBggqhkjOPQQDAgNHADBEAiArx5WypF1avOUb
T74TIk2ftG7RP9aTXE/nu/FXoqqxFAIgexMhfOW9g66B6E0k2tNcdGs5hJQ82NgX
0XdbzCSySdk=
-----END CERTIFICATE-----
`,
} as const;

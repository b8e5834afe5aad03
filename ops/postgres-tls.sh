#!/usr/bin/env bash
# Turns on TLS in the local PostgreSQL for DatabaseTlsIT, the way RDS serves it: a certificate from a
# private authority, for a host name (localhost) and not for the address, so that the test can tell
# verify-full (host name checked) from verify-ca. Also writes a second, unrelated authority, which
# must be refused. Idempotent; run by .ci/run as root.
set -euo pipefail
dir=${SECURECART_TEST_PG_TLS_DIR:-/etc/securecart-test-pg-tls}
psql_admin() { psql -h 127.0.0.1 -U postgres -Atc "$1"; }

if [ ! -s "$dir/server.crt" ]; then
  mkdir -p "$dir"
  cd "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=SecureCart test PostgreSQL CA" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Some other CA" \
    -keyout other-ca.key -out other-ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=DNS:localhost\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile san.ext -out server.crt 2>/dev/null
  rm -f server.csr san.ext ca.key other-ca.key
  chown postgres:postgres server.key server.crt
  chmod 0600 server.key
  chmod 0644 ca.crt other-ca.crt server.crt
fi

if [ "$(psql_admin 'show ssl')" != "on" ] || [ "$(psql_admin 'show ssl_cert_file')" != "$dir/server.crt" ]; then
  echo "==> PostgreSQL: TLS on with a test authority ($dir)"
  psql_admin "alter system set ssl_cert_file = '$dir/server.crt'" >/dev/null
  psql_admin "alter system set ssl_key_file = '$dir/server.key'" >/dev/null
  psql_admin "alter system set ssl = on" >/dev/null
  psql_admin "select pg_reload_conf()" >/dev/null
  for _ in $(seq 1 20); do [ "$(psql_admin 'show ssl')" = "on" ] && break; sleep 0.5; done
fi
[ "$(psql_admin 'show ssl')" = "on" ] || { echo "PostgreSQL did not turn TLS on" >&2; exit 1; }

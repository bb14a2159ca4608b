#!/usr/bin/env bash
# Start a local PostgreSQL for the ledger's server tests (tests/test_postgres.py).
# Idempotent: safe to run again when the cluster, the role or the database already exist.
# Runs as root on Debian 12 after `apt-get install postgresql`; leaves a server on 127.0.0.1:5432 with
# role thucydides (password thucydides) owning database thucydides_test.
set -euo pipefail

PORT=5432
ROLE=thucydides
PASSWORD=thucydides
DB=thucydides_test

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "start-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
CLUSTER=main

# A cluster to run (the Debian package usually creates one; a slim image may not).
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" -- --auth-local=peer --auth-host=scram-sha-256
fi

install -d -o postgres -g postgres -m 2775 /var/run/postgresql

# Listen on loopback TCP only.
CONF_DIR=/etc/postgresql/$VERSION/$CLUSTER
if ! grep -q "^listen_addresses = '127.0.0.1'" "$CONF_DIR/postgresql.conf"; then
  echo "listen_addresses = '127.0.0.1'" >>"$CONF_DIR/postgresql.conf"
fi
if ! grep -q "^port = $PORT" "$CONF_DIR/postgresql.conf"; then
  echo "port = $PORT" >>"$CONF_DIR/postgresql.conf"
fi

STATUS=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')
if [ "$STATUS" != "online" ]; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start
fi

# Wait until it accepts connections.
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p $PORT"; then
    break
  fi
  sleep 1
done
su postgres -c "pg_isready -h 127.0.0.1 -p $PORT" >/dev/null

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -t -A -p $PORT $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\""
else
  psql_admin "-c \"ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE $DB OWNER $ROLE\""
fi

echo "start-postgres: PostgreSQL $VERSION on 127.0.0.1:$PORT, database $DB, role $ROLE"

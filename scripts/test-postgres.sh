#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the tests (what .ci/run starts; developers use it too):
#
#   scripts/test-postgres.sh start        # initdb into a temporary folder, start, create a role and a database
#   eval "$(scripts/test-postgres.sh env)" # export TRIAGE_EVAL_TEST_POSTGRES (the URL) and PGPASSFILE
#   swift test
#   scripts/test-postgres.sh stop         # stop the server and delete its folder
#
# The server's folder is $TRIAGE_EVAL_PG_DIR (default /tmp/triage-eval-pg-$UID). As root the server runs as the
# `postgres` user (installing Debian's `postgresql` package when no server is found); otherwise as you.
# The role's password goes into a pgpass file (PGPASSFILE), never into the URL.
set -euo pipefail

state="${TRIAGE_EVAL_PG_DIR:-${TMPDIR:-/tmp}/triage-eval-pg-$(id -u)}"
role=triage_eval
database=triage_eval

# Runs a command as the server's owner (`postgres` when we are root).
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The server's programs: pg_config's bindir, else Debian's newest /usr/lib/postgresql/*/bin.
find_bindir() {
    local dir=""
    if command -v pg_config >/dev/null 2>&1; then dir="$(pg_config --bindir)"; fi
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

# A TCP port on 127.0.0.1 nobody listens on, from 55432 up.
free_port() {
    local port
    for port in $(seq 55432 55532); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    echo "test-postgres: no free port in 55432-55532" >&2
    exit 1
}

start() {
    if [ -f "$state/port" ] && [ -f "$state/data/postmaster.pid" ]; then
        echo "test-postgres: already running on 127.0.0.1:$(cat "$state/port") ($state)" >&2
        return
    fi
    local bindir
    bindir="$(find_bindir)"
    if [ -z "$bindir" ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "test-postgres: no PostgreSQL server found; install Debian's postgresql package (apt-get install postgresql)" >&2
            exit 1
        fi
        echo "test-postgres: installing Debian's postgresql package" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bindir="$(find_bindir)"
    fi
    rm -rf "$state"
    mkdir -p "$state/socket"
    chmod 700 "$state"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$state"; fi
    local password
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    # The superuser connects over the server's own socket (trust); everyone else by TCP with a password.
    as_owner "$bindir/initdb" -D "$state/data" --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
        >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
    local port
    port="$(free_port)"
    if ! as_owner "$bindir/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$state/socket -c max_connections=200 -c fsync=off" \
            start >/dev/null; then
        echo "test-postgres: the server did not start; its log:" >&2
        cat "$state/server.log" >&2 || true
        exit 1
    fi
    echo "$port" >"$state/port"
    echo "$bindir" >"$state/bindir"
    for _ in $(seq 1 60); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
        sleep 0.5
    done
    if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        echo "test-postgres: the server does not answer on 127.0.0.1:$port; its log:" >&2
        cat "$state/server.log" >&2 || true
        exit 1
    fi
    # CREATEDB: each test creates and drops its own database.
    as_owner "$bindir/psql" -q -v ON_ERROR_STOP=1 -h "$state/socket" -p "$port" -d postgres \
        -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" -c "CREATE DATABASE $database OWNER $role" >/dev/null
    umask 077
    echo "127.0.0.1:$port:*:$role:$password" >"$state/pgpass"
    echo "test-postgres: running on 127.0.0.1:$port (folder $state); eval \"\$($0 env)\" before swift test" >&2
}

stop() {
    if [ -f "$state/bindir" ] && [ -d "$state/data" ]; then
        as_owner "$(cat "$state/bindir")/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$state"
}

env_lines() {
    if [ ! -f "$state/port" ]; then
        echo "test-postgres: not running; start it with $0 start" >&2
        exit 1
    fi
    echo "export TRIAGE_EVAL_TEST_POSTGRES=postgresql://$role@127.0.0.1:$(cat "$state/port")/$database"
    echo "export PGPASSFILE=$state/pgpass"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) env_lines ;;
    log) cat "$state/server.log" ;;
    *) echo "usage: $0 start|stop|env|log" >&2; exit 2 ;;
esac

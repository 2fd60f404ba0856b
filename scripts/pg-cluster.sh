#!/bin/sh
# pg-cluster.sh start DIR | stop DIR - a throw-away PostgreSQL 15 cluster.
#
# start  creates (when needed) a cluster in DIR/data, owned by the system
#        user `postgres` when run as root (initdb refuses root) and by the
#        caller otherwise; starts it on a Unix socket in DIR/sock only (no
#        TCP); creates the database werkbrug_test; prints its URL:
#            postgresql:///werkbrug_test?host=DIR/sock&user=USER
#        DIR must be absent, empty, or a cluster this script made.
# stop   stops the server (fast shutdown) and removes DIR.
#
# Both are idempotent and quiet: stdout carries only the URL; on failure
# stderr gets the reason and the tail of DIR/log.  The cluster trusts
# every local connection and runs with fsync off: for tests only.
# PGBIN overrides the binary directory (/usr/lib/postgresql/15/bin).
# PG_CLUSTER_OPTS adds server options after those defaults (a later -c
# wins), e.g. PG_CLUSTER_OPTS="-c fsync=on -c synchronous_commit=on
# -c full_page_writes=on" for a durable cluster (bench/run.sh BUILD pg).
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DB=werkbrug_test
MARK=.werkbrug-pg-cluster
# Connection variables of the caller must not redirect our own clients.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS \
    PGPASSWORD PGSSLMODE 2>/dev/null || true

die() {
	echo "pg-cluster: $*" >&2
	if [ -n "${DIR:-}" ] && [ -f "$DIR/log" ]; then
		echo "pg-cluster: last lines of $DIR/log:" >&2
		tail -n 15 "$DIR/log" >&2
	fi
	exit 1
}

usage() {
	echo "usage: $0 start DIR | stop DIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
CMD=$1
DIR=$2

if [ "$(id -u)" -eq 0 ]; then
	OWNER=postgres
	as_owner() { runuser -u postgres -- "$@"; }
else
	OWNER=$(id -un)
	as_owner() { "$@"; }
fi

case $CMD in
start)
	[ -x "$PGBIN/initdb" ] || die "no PostgreSQL in $PGBIN (apt-get install postgresql-15)"
	if [ "$OWNER" = postgres ]; then
		id postgres >/dev/null 2>&1 || die "running as root needs the system user postgres"
	fi
	mkdir -p "$DIR" || die "cannot create $DIR"
	DIR=$(cd "$DIR" && pwd -P)
	# pg_ctl hands its -o options to a shell, and the socket path must fit
	# in sun_path (107 bytes with "/.s.PGSQL.5432").
	case $DIR in
	*[!A-Za-z0-9/._-]*) die "DIR may only hold letters, digits and / . _ -: $DIR" ;;
	esac
	[ ${#DIR} -le 80 ] || die "DIR is too long for a socket path: $DIR"
	OPTS=${PG_CLUSTER_OPTS:-}
	case $OPTS in
	*[!A-Za-z0-9\ =._-]*) die "PG_CLUSTER_OPTS may only hold letters, digits, spaces and = . _ -" ;;
	esac
	if [ ! -f "$DIR/$MARK" ]; then
		[ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty and not a cluster made by this script"
		: >"$DIR/$MARK"
		: >"$DIR/log"
		mkdir -p "$DIR/sock"
		if [ "$OWNER" = postgres ]; then
			chown -R postgres: "$DIR" || die "cannot give $DIR to postgres"
		fi
		as_owner "$PGBIN/initdb" -D "$DIR/data" -A trust -U "$OWNER" \
		    -E UTF8 --locale=C --no-sync >"$DIR/log" 2>&1 ||
			die "initdb failed"
	fi
	if ! as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
		as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
		    -o "-p 5432 -k $DIR/sock -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off $OPTS" \
		    start >/dev/null 2>&1 || die "the server did not start"
	fi
	PSQL="$PGBIN/psql -X -q -h $DIR/sock -p 5432 -U $OWNER"
	have=$($PSQL -d postgres -tAc \
	    "SELECT 1 FROM pg_database WHERE datname = '$DB'" 2>>"$DIR/log") ||
		die "cannot connect to the server"
	if [ "$have" != 1 ]; then
		$PSQL -d postgres -c "CREATE DATABASE $DB" >>"$DIR/log" 2>&1 ||
			die "cannot create the database $DB"
	fi
	echo "postgresql:///$DB?host=$DIR/sock&user=$OWNER"
	;;
stop)
	[ -e "$DIR" ] || exit 0
	DIR=$(cd "$DIR" && pwd -P)
	[ -f "$DIR/$MARK" ] || die "$DIR was not made by this script; not removing it"
	if as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
		as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop \
		    >/dev/null 2>&1 || die "the server did not stop"
	fi
	rm -rf "$DIR"
	;;
*)
	usage
	;;
esac

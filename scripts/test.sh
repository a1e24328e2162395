#!/usr/bin/env bash
# The one test command: scripts/test.sh [extra dotnet test args…]
#
# Installs what the tests need (PostgreSQL server, Debian Chromium) when missing, starts a
# throwaway PostgreSQL cluster on a free loopback port, builds Portal.sln once, runs every
# tests/*.Tests project against it and prints one summary. The last line is always
# "N passed, N failed". Extra arguments go to every `dotnet test`, e.g.
#   scripts/test.sh --filter-class Portal.Domain.Tests.Catalog.ServiceTests
# Set PORTAL_TEST_POSTGRES yourself to use an existing server instead of a throwaway one.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

configuration=Release
results_dir="$repo_root/artifacts/test-results"
# A hung browser or server must not eat CI's whole budget; MTP aborts the project after this.
test_timeout="${PORTAL_TEST_TIMEOUT:-30m}"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

pg_dir=""
pg_bin=""
pg_user=""

log() { printf '==> %s\n' "$*" >&2; }

# Runs a command as the cluster owner: initdb and postgres refuse to run as root.
as_pg() {
    if [[ -n "$pg_user" ]]; then
        runuser -u "$pg_user" -- "$@"
    else
        "$@"
    fi
}

find_pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        printf '%s\n' "$dir"
    fi
}

install_missing_tools() {
    local missing=()
    [[ -n "$(find_pg_bin)" ]] || missing+=(postgresql)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    ((${#missing[@]} == 0)) && return 0

    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo=(sudo)
    fi
    log "Installing ${missing[*]} with apt"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # Both packages are always named so that one apt call resolves them together.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql chromium
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for port in $(seq 55432 55532); do
        if ! ss -Hltn "sport = :$port" | grep -q .; then
            printf '%s\n' "$port"
            return
        fi
    done
    echo "no free TCP port in 55432-55532" >&2
    return 1
}

stop_postgres() {
    [[ -n "$pg_dir" ]] || return 0
    if [[ -f "$pg_dir/data/postmaster.pid" ]]; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        # pg_ctl failed or timed out: the first line of postmaster.pid is the postmaster's pid.
        if [[ -f "$pg_dir/data/postmaster.pid" ]]; then
            local pid
            pid="$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null || true)"
            [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$pg_dir"
    pg_dir=""
}

# Clusters the fault tests made (tests/Portal.Web.Tests/Faults/ThrowawayPostgres.cs) whose test host died before it
# could stop them: pg_ctl runs them as daemons, so nothing else would ever stop them. A cluster whose test host
# (host.pid) still runs is another test run's and is left alone.
sweep_fault_clusters() {
    local dir owner pid bin
    bin="${pg_bin:-$(find_pg_bin)}"
    for dir in "${TMPDIR:-/tmp}"/portal-fault-pg-*; do
        [[ -d "$dir" ]] || continue
        owner="$(cat "$dir/host.pid" 2>/dev/null || true)"
        if [[ "$owner" =~ ^[0-9]+$ ]] && kill -0 "$owner" 2>/dev/null; then
            continue
        fi
        # No owner written yet: a cluster being made right now, unless it is an hour old.
        if [[ -z "$owner" && -z "$(find "$dir" -maxdepth 0 -mmin +60 2>/dev/null)" ]]; then
            continue
        fi
        if [[ -f "$dir/data/postmaster.pid" ]]; then
            if [[ -n "$bin" ]]; then
                runuser_for "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
            fi
            if [[ -f "$dir/data/postmaster.pid" ]]; then
                pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
                [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        rm -rf "$dir"
    done
}

# Runs a command as the owner of the cluster in $1 when running as root (pg_ctl refuses root), else as is.
runuser_for() {
    local dir="$1"
    shift
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u "$(stat -c %U "$dir/data")" -- "$@"
    else
        "$@"
    fi
}

cleanup() {
    # Silent on purpose: the summary line must stay the last line of output.
    stop_postgres >/dev/null 2>&1 || true
    sweep_fault_clusters >/dev/null 2>&1 || true
    if [[ -n "${CI:-}" ]]; then
        # Build servers outlive the script; a CI run must leave nothing behind.
        dotnet build-server shutdown >/dev/null 2>&1 || true
    fi
}

start_postgres() {
    pg_bin="$(find_pg_bin)"
    if [[ -z "$pg_bin" ]]; then
        echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
        return 1
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        pg_user=postgres
        if ! id -u "$pg_user" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
        fi
    fi

    pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/portal-pg.XXXXXX")"
    mkdir -p "$pg_dir/socket"
    printf 'postgres\n' >"$pg_dir/pwfile"
    if [[ -n "$pg_user" ]]; then
        chown -R "$pg_user" "$pg_dir"
    fi

    local port
    port="$(free_port)"
    log "Starting a throwaway PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$port in $pg_dir"
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" \
        --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 || {
        cat "$pg_dir/initdb.log" >&2
        return 1
    }
    # Throwaway data: durability is traded for speed. max_connections leaves room for one
    # connection pool per test database.
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || {
        cat "$pg_dir/postgres.log" >&2
        return 1
    }

    local tries=0
    until "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; do
        ((++tries >= 60)) && {
            echo "PostgreSQL did not become ready" >&2
            cat "$pg_dir/postgres.log" >&2
            return 1
        }
        sleep 0.5
    done
    export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres;Pooling=true"
}

# Prints one attribute of the TRX <Counters …/> element, 0 when absent.
trx_counter() {
    local value
    value="$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)"
    printf '%s\n' "${value:-0}"
}

# Prints the name of every test the TRX file records as not passed (failed, error, timeout, aborted), and the
# first line of its message when python3 is there to read the XML: CI keeps only the tail of the output, and
# a failure's details scroll out of it behind the server logs.
trx_failures() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$1" <<'PY' || true
import sys, xml.etree.ElementTree as ET
for el in ET.parse(sys.argv[1]).iter():
    if el.tag.endswith("UnitTestResult") and el.get("outcome") not in ("Passed", "NotExecuted"):
        message = next((m.text or "" for m in el.iter() if m.tag.endswith("Message")), "").strip().splitlines()
        print("  - " + el.get("testName", "?") + (": " + message[0][:300] if message else ""))
PY
        return
    fi
    grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$1" \
        | grep -o 'testName="[^"]*"' | sed 's/^testName="\(.*\)"$/  - \1/' || true
}

finish() {
    local passed=$1 failed=$2
    stop_postgres >/dev/null 2>&1 || true
    printf '%s passed, %s failed\n' "$passed" "$failed"
    if ((failed > 0)); then
        exit 1
    fi
    exit 0
}

main() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    install_missing_tools
    sweep_fault_clusters
    if [[ -n "${PORTAL_TEST_POSTGRES:-}" ]]; then
        log "Using the PostgreSQL server given in PORTAL_TEST_POSTGRES"
    else
        start_postgres
    fi

    log "Building Portal.sln ($configuration)"
    if ! dotnet build Portal.sln -c "$configuration" --nologo -v q; then
        echo "Build failed" >&2
        finish 0 1
    fi

    local projects=()
    mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' | sort)
    if ((${#projects[@]} == 0)); then
        echo "No test projects found under tests/" >&2
        finish 0 1
    fi

    rm -rf "$results_dir"
    mkdir -p "$results_dir"

    local total_passed=0 total_failed=0 summary=() failures=()
    local project name trx rc passed failed skipped note
    for project in "${projects[@]}"; do
        name="$(basename "$project" .csproj)"
        trx="$results_dir/$name.trx"
        log "Testing $name"
        rc=0
        dotnet test --project "$project" -c "$configuration" --no-build \
            --results-directory "$results_dir" \
            --report-xunit-trx --report-xunit-trx-filename "$name.trx" \
            --timeout "$test_timeout" "$@" || rc=$?

        note=""
        if [[ -f "$trx" ]]; then
            passed="$(trx_counter "$trx" passed)"
            failed=$(($(trx_counter "$trx" failed) + $(trx_counter "$trx" error) + $(trx_counter "$trx" timeout) + $(trx_counter "$trx" aborted)))
            skipped="$(trx_counter "$trx" notExecuted)"
        else
            passed=0 failed=0 skipped=0
            note=" (no TRX produced)"
        fi
        # MTP exit codes: 0 ok, 2 test failures, 8 zero tests ran; anything else is a crash,
        # a timeout or a bad option. Zero tests is fine only when a filter was passed in.
        if [[ -z "$note" ]] && ! { ((rc == 0)) || ((rc == 2)) || { ((rc == 8)) && (($# > 0)); }; }; then
            note=" (exit code $rc)"
        fi
        if [[ -n "$note" ]] && ((failed == 0)); then
            failed=1
        fi
        if ((rc == 2)) && ((failed == 0)); then
            failed=1
            note=" (exit code 2 but no failure in TRX)"
        fi
        total_passed=$((total_passed + passed))
        total_failed=$((total_failed + failed))
        summary+=("$(printf '%-28s %5s passed, %3s failed, %3s skipped%s' "$name" "$passed" "$failed" "$skipped" "$note")")
        if ((failed > 0)) && [[ -f "$trx" ]]; then
            failures+=("$name:" "$(trx_failures "$trx")")
        fi
    done

    printf '\n'
    if ((${#failures[@]} > 0)); then
        printf 'Not passed:\n'
        printf '%s\n' "${failures[@]}"
    fi
    printf '%s\n' "${summary[@]}"
    printf 'TRX files: %s\n' "${results_dir#"$repo_root"/}"
    finish "$total_passed" "$total_failed"
}

main "$@"

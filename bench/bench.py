#!/usr/bin/env python3
"""The koers benchmark: koers against PostGraphile and against the SQL floor.

Run through bench/run.sh, which installs the tools and builds koers in release mode first.

For each plan size it generates the plan once (koers generate) into a template database and a
SQLite file, then runs paired rounds: in every round, every workload is driven against koers,
then PostGraphile, then replayed as plain SQL (pgbench on PostgreSQL, sqlite3 on SQLite), back
to back, so that a noisy neighbour hits all three alike. The table reports medians over rounds.

The SQL floor replays exactly the statements koers sent for one request of the workload, taken
from PostgreSQL's statement log.
"""

import argparse
import base64
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
DATA = os.path.join(BENCH, ".data")
# The release binary; the quick run (CI) measures the test build's binary instead (KOERS_BIN).
KOERS = os.environ.get("KOERS_BIN") or os.path.join(ROOT, "target", "release", "koers")
PEER_START = os.path.join(BENCH, "peer", "start.sh")
PEER_QUERIES = os.path.join(BENCH, "peer", "queries.json")
THRESHOLDS = os.path.join(BENCH, "thresholds.json")

PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("PGPORT", "5432")
PG_USER = os.environ.get("PGUSER", "postgres")
SIZES = {"S": 1_000, "M": 10_000, "L": 100_000}
LAYERS = ["RIJK", "PROVINCIE", "GEMEENTE", "WATERSCHAP"]
CLK_TCK = os.sysconf("SC_CLK_TCK")
KOERS_PG_PORT, KOERS_SQLITE_PORT, PEER_PORT = 18101, 18102, 18103


def log(message):
    print(message, file=sys.stderr, flush=True)


def pg_url(db):
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{db}"


def psql(sql, db="postgres"):
    out = subprocess.run(
        ["psql", "-X", "-q", "-t", "-A", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", db, "-c", sql],
        check=True, capture_output=True, text=True)
    return out.stdout.strip()


def gid(kind, row):
    return base64.urlsafe_b64encode(f"{kind}:{row}".encode()).decode().rstrip("=")


# The admin token of the koers server on each port (koers refuses requests without one).
TOKENS = {}


def auth_headers(port):
    return {"authorization": f"Bearer {TOKENS[port]}"} if port in TOKENS else {}


def post(port, body, timeout=600):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps(body).encode(),
        headers={"content-type": "application/json", **auth_headers(port)})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


# ---------------------------------------------------------------------------------------------
# Servers under test: started as child processes, measured through /proc.
# ---------------------------------------------------------------------------------------------

class Server:
    def __init__(self, name, cmd, env, port):
        self.name, self.port = name, port
        started = time.monotonic()
        self.proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(DATA, f"{name}.log"), "w"),
                                     start_new_session=True)
        deadline = started + 120
        while True:
            try:
                post(port, {"query": "{ __typename }"}, timeout=2)
                break
            except Exception:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not start; see bench/.data/{name}.log")
                time.sleep(0.02)
        self.startup_ms = (time.monotonic() - started) * 1000

    def pid(self):
        """The process doing the work (PostGraphile's start script execs node)."""
        return self.proc.pid

    def cpu_ms(self):
        with open(f"/proc/{self.pid()}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / CLK_TCK

    def peak_rss_mb(self):
        return self.status_mb("VmHWM:")

    def rss_mb(self):
        return self.status_mb("VmRSS:")

    def status_mb(self, key):
        with open(f"/proc/{self.pid()}/status") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except Exception:
            os.killpg(self.proc.pid, signal.SIGKILL)


def start_koers(url, port, name, log_sql=False):
    # An admin token in the plan's database; every request then also looks its hash up, and the
    # SQL floor replays that statement too.
    TOKENS[port] = subprocess.run([KOERS, "--database-url", url, "token", "create", "--name", "bench",
                                   "--role", "admin"], check=True, capture_output=True,
                                  text=True, env={**os.environ, "RUST_LOG": "error"}).stdout.strip()
    env = {"DATABASE_URL": url, "RUST_LOG": "warn", "KOERS_MAX_COMPLEXITY": "100000",
           "KOERS_RATE_PER_MINUTE": "0"}
    if log_sql:
        env.update({"KOERS_LOG_SQL": "true", "KOERS_LOG_FORMAT": "json", "RUST_LOG": "warn,koers::sql=info"})
    return Server(name, [KOERS, "serve", "--listen", f"127.0.0.1:{port}"], env, port)


def capture_koers_log(server, send):
    """The SQL koers logged (--log-sql) while `send()` ran: used where there is no server log."""
    path = os.path.join(DATA, f"{server.name}.log")
    offset = os.path.getsize(path)
    send()
    time.sleep(0.2)
    statements = []
    with open(path) as f:
        f.seek(offset)
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            sql = record.get("fields", {}).get("sql")
            if record.get("target") == "koers::sql" and sql:
                statements.append(sql.rstrip(";") + ";")
    return statements


def start_peer(url):
    return Server("postgraphile", ["bash", PEER_START, str(PEER_PORT), url], {}, PEER_PORT)


# ---------------------------------------------------------------------------------------------
# Load generation with wrk: one Lua script per system and workload.
# ---------------------------------------------------------------------------------------------

LUA_COMMON = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = {}
local next_tid = 0
function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end
errors = 0
counter = 0
function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) or body:find('CONFLICT', 1, true) then
    errors = errors + 1
  end
  if track then track(body) end
end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + (t:get("errors") or 0) end
  io.write(string.format("BENCH_ERRORS %d\n", e))
end
"""


def lua_literal(text):
    return "[==[" + text + "]==]"


def lua_rotating(bodies):
    """Requests cycle through a list of prepared bodies."""
    items = ",\n".join(lua_literal(json.dumps(b)) for b in bodies)
    return LUA_COMMON + "local bodies = {\n" + items + "\n}\n" + r"""
function request()
  counter = counter + 1
  return wrk.format(nil, "/graphql", nil, bodies[(counter + tid * 7) % #bodies + 1])
end
"""


def lua_templated(template, per_thread, track_versions=False):
    """Requests fill the tokens __VALUE__ (a per-thread or rotating value), __DATE__ (a fresh day
    after 2030 per request) and __VERSION__ (the version last seen for that value)."""
    values = ", ".join(lua_literal(v) for v in per_thread)
    script = LUA_COMMON + f"local template = {lua_literal(template)}\nlocal values = {{{values}}}\n"
    script += r"""
local versions = {}
function track(body)
  local id, v = body:match('"id":"([^"]+)","version":(%d+)')
  if id then versions[id] = tonumber(v) end
end
function request()
  counter = counter + 1
"""
    if track_versions:
        script += r"""  local value = values[(counter * 2 + tid) % #values + 1]
  local day = os.date("!%Y-%m-%d", 1893456000 + (counter % 3000) * 86400)
"""
    else:
        script += r"""  local value = values[tid % #values + 1]
  local day = os.date("!%Y-%m-%d", 1893456000 + (counter * 2 + tid) * 86400)
"""
    script += r"""  local body = template:gsub("__VALUE__", value):gsub("__DATE__", day)
  body = body:gsub("__VERSION__", tostring(versions[value] or 1))
  return wrk.format(nil, "/graphql", nil, body)
end
"""
    return script


def run_wrk(port, lua, seconds, connections):
    path = os.path.join(DATA, "load.lua")
    if port in TOKENS:
        lua = f'wrk.headers["Authorization"] = "Bearer {TOKENS[port]}"\n' + lua
    with open(path, "w") as f:
        f.write(lua)
    threads = min(2, connections)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                          "-s", path, f"http://127.0.0.1:{port}/graphql"],
                         check=True, capture_output=True, text=True).stdout

    def latency(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        scale = {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
        return float(m.group(1)) * scale

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = int(re.search(r"BENCH_ERRORS (\d+)", out).group(1))
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "requests": total, "errors": errors}


# ---------------------------------------------------------------------------------------------
# The SQL floor: capture the statements of one request from PostgreSQL's log, replay them.
# ---------------------------------------------------------------------------------------------

def pg_log_path():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return f"/var/log/postgresql/postgresql-{version}-main.log"


def capture(db, send):
    """Run `send()` with statement logging on for `db`; return the statements it caused."""
    psql(f"ALTER DATABASE {db} SET log_statement = 'all'")
    try:
        time.sleep(0.2)
        path = pg_log_path()
        offset = os.path.getsize(path)
        send()
        time.sleep(0.5)
        with open(path, errors="replace") as f:
            f.seek(offset)
            lines = f.read().splitlines()
    finally:
        psql(f"ALTER DATABASE {db} RESET log_statement")
    statements, marker = [], f"@{db} "
    for i, line in enumerate(lines):
        if marker not in line:
            continue
        m = re.search(r"LOG:\s+(?:execute [^:]+|statement): (.*)$", line)
        if m:
            sql = m.group(1)
            j = i + 1
            while j < len(lines) and lines[j].startswith("\t"):
                sql += " " + lines[j].strip()
                j += 1
            statements.append([sql, None])
        elif "DETAIL:  parameters:" in line and statements:
            # A value with a line break (a description, a search text) goes on in tab-led lines.
            params = line.split("parameters:", 1)[1]
            j = i + 1
            while j < len(lines) and lines[j].startswith("\t"):
                params += "\n" + lines[j][1:]
                j += 1
            statements[-1][1] = params
    return [inline(sql, params) for sql, params in statements]


def inline(sql, params):
    if params:
        values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", params))
        for n in sorted(values, key=int, reverse=True):
            sql = sql.replace(f"${n}", values[n])
    return sql.rstrip(";") + ";"


def reconnect_sessions(db):
    """New sessions pick up ALTER DATABASE settings; end the old ones (the pools reconnect)."""
    psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}' AND pid <> pg_backend_pid()")


def run_pgbench(db, statements, seconds, clients):
    path = os.path.join(DATA, "floor.sql")
    with open(path, "w") as f:
        f.write("\n".join(s for s in statements if "pg_advisory_xact_lock" not in s) + "\n")
    out = subprocess.run(["pgbench", "-n", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-c", str(clients),
                          "-j", str(min(2, clients)), "-T", str(seconds), "-f", path, db],
                         check=True, capture_output=True, text=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    avg = float(re.search(r"latency average = ([\d.]+) ms", out).group(1))
    return {"rps": tps, "p50": avg, "p99": float("nan"), "errors": 0}


def run_sqlite3(path, statements, repeat):
    script = "\n".join(statements) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(".output /dev/null\n" + script * repeat)
        name = f.name
    started = time.monotonic()
    subprocess.run(["sqlite3", path], stdin=open(name), check=True, capture_output=True)
    os.unlink(name)
    return (time.monotonic() - started) * 1000 / repeat


# ---------------------------------------------------------------------------------------------
# Plans: generated once per size (template database and SQLite file), restored between rounds.
# ---------------------------------------------------------------------------------------------

def template_db(size):
    return f"koers_bench_{size.lower()}_tpl"


def prepare_plan(size):
    tpl = template_db(size)
    sqlite = os.path.join(DATA, f"plan_{size.lower()}.db")
    if psql(f"SELECT 1 FROM pg_database WHERE datname = '{tpl}'") != "1":
        log(f"==> generating plan {size} on PostgreSQL")
        psql(f"CREATE DATABASE {tpl}_tmp")
        subprocess.run([KOERS, "--database-url", pg_url(f"{tpl}_tmp"), "generate", "--size", size.lower()],
                       check=True, env={**os.environ, "RUST_LOG": "warn"})
        psql(f"ALTER DATABASE {tpl}_tmp RENAME TO {tpl}")
    if not os.path.exists(sqlite):
        log(f"==> generating plan {size} on SQLite")
        subprocess.run([KOERS, "--database-url", f"sqlite://{sqlite}.tmp?mode=rwc", "generate", "--size",
                        size.lower()], check=True, env={**os.environ, "RUST_LOG": "warn"})
        # Fold the write-ahead log into the file, so that the file alone is the plan.
        subprocess.run(["sqlite3", f"{sqlite}.tmp", "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;"],
                       check=True, capture_output=True)
        os.replace(f"{sqlite}.tmp", sqlite)
    return tpl, sqlite


def copy_plan(tpl, db):
    psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    psql(f"CREATE DATABASE {db} TEMPLATE {tpl}")
    psql("ANALYZE", db)


RESTORE_SQL = """
DELETE FROM kpi_measurement WHERE id > {measurements};
DELETE FROM change_record WHERE id > {changes};
UPDATE milestone SET forecast_date = NULL, version = 1, updated_at = created_at
  WHERE version > 1 OR forecast_date IS NOT NULL;
"""


def restore(db, marks):
    psql(RESTORE_SQL.format(**marks), db)


# ---------------------------------------------------------------------------------------------
# Workloads.
# ---------------------------------------------------------------------------------------------

DASHBOARD = ("query($layer: GovernmentLayer!) { milestones(first: 100, filter: { layer: $layer }) { edges { node "
             "{ id title plannedDate forecastDate status kpis { code name measurements(first: 3) "
             "{ periodEnd value } } } } } }")
LIST = ("query($after: String) { milestones(first: 20, after: $after, filter: { layer: RIJK }) { totalCount "
        "edges { cursor node { id title plannedDate status } } } }")
BY_ID = ("query($id: ID!) { milestone(id: $id) { id title plannedDate forecastDate status "
         "phase { name } kpis { code name } } }")
RECORD = json.dumps({
    "query": "mutation($k: ID!, $s: Date!, $e: Date!) { recordMeasurement(input: { kpiId: $k, periodStart: $s, "
             "periodEnd: $e, value: \"42.5\" }) { measurement { id } } }",
    "variables": {"k": "__VALUE__", "s": "__DATE__", "e": "__DATE__"}})
MOVE = json.dumps({
    "query": "mutation($id: ID!, $v: Int!, $d: Date!) { updateMilestone(input: { id: $id, version: $v, "
             "forecastDate: $d }) { status milestone { id version } } }",
    "variables": {"id": "__VALUE__", "v": "__VERSION__", "d": "__DATE__"}}).replace('"__VERSION__"', "__VERSION__")


def fill(template, **tokens):
    for key, value in tokens.items():
        template = template.replace(key, str(value))
    return json.loads(template)


class Workloads:
    """Request bodies for koers and PostGraphile, built for one generated plan."""

    def __init__(self, size, port):
        n = SIZES[size]
        self.rows = list(range(1, n + 1, max(1, n // 200)))[:200]
        self.kpis = [gid("Kpi", k) for k in range(1, 9)]
        # Deep in the list: the cursor of the item at 80% of the RIJK milestones.
        total = post(port, {"query": LIST})["data"]["milestones"]["totalCount"]
        self.deep_offset = int(total * 0.8)
        planned, row = psql_one_row(
            f"SELECT planned_date, id FROM milestone WHERE layer = 'RIJK' AND deleted_at IS NULL "
            f"ORDER BY planned_date, id OFFSET {self.deep_offset - 1} LIMIT 1", port)
        cursor = json.dumps({"k": planned, "i": int(row)}, separators=(",", ":"))
        self.deep_cursor = base64.urlsafe_b64encode(cursor.encode()).decode().rstrip("=")
        self.peer = load_peer_queries()

    def koers(self, name):
        if name == "dashboard":
            return lua_rotating([{"query": DASHBOARD, "variables": {"layer": l}} for l in LAYERS])
        if name == "list_first":
            return lua_rotating([{"query": LIST}])
        if name == "list_deep":
            return lua_rotating([{"query": LIST, "variables": {"after": self.deep_cursor}}])
        if name == "by_id":
            return lua_rotating([{"query": BY_ID, "variables": {"id": gid("Milestone", r)}} for r in self.rows])
        if name == "record_measurement":
            return lua_templated(RECORD, self.kpis)
        if name == "move_forecast":
            return lua_templated(MOVE, [gid("Milestone", r) for r in self.rows], track_versions=True)
        raise KeyError(name)

    def koers_single(self, name):
        """One request body of the workload (for capturing its SQL)."""
        return {
            "dashboard": {"query": DASHBOARD, "variables": {"layer": "RIJK"}},
            "list_first": {"query": LIST},
            "list_deep": {"query": LIST, "variables": {"after": self.deep_cursor}},
            "by_id": {"query": BY_ID, "variables": {"id": gid("Milestone", self.rows[0])}},
            "record_measurement": fill(RECORD, __VALUE__=self.kpis[0], __DATE__="2099-01-01"),
            "move_forecast": fill(MOVE, __VALUE__=gid("Milestone", self.rows[0]), __VERSION__=1, __DATE__="2099-01-01"),
        }[name]

    def peer_lua(self, name):
        if self.peer is None or name not in self.peer:
            return None
        q = self.peer[name]
        if name == "dashboard":
            return lua_rotating([substitute(q, layer=l) for l in LAYERS])
        if name == "list_first":
            return lua_rotating([substitute(q)])
        if name == "list_deep":
            cursor = post(PEER_PORT, substitute({"query": q["cursor_query"], "variables": q["cursor_variables"]},
                                                offset=self.deep_offset - 1))
            edge = cursor["data"]["milestones"]["edges"][0]["cursor"]
            return lua_rotating([substitute(q, cursor=edge)])
        if name == "by_id":
            return lua_rotating([substitute(q, rowId=r) for r in self.rows])
        if name == "record_measurement":
            return lua_templated(peer_template(q, kpiRowId="__VALUE__", date="__DATE__"),
                                 [str(k) for k in range(1, 9)])
        if name == "move_forecast":
            return lua_templated(peer_template(q, rowId="__VALUE__", date="__DATE__"),
                                 [str(r) for r in self.rows], track_versions=True)
        return None


def psql_one_row(sql, _port):
    return psql(sql, CURRENT_DB).split("|")


def load_peer_queries():
    if not os.path.exists(PEER_QUERIES):
        return None
    with open(PEER_QUERIES) as f:
        return json.load(f)


def substitute(entry, **values):
    """A peer request: its variables template with "$name" placeholders replaced by typed values."""
    text = json.dumps({"query": entry["query"], "variables": entry.get("variables", {})})
    for key, value in values.items():
        text = text.replace(json.dumps("$" + key), json.dumps(value))
    return json.loads(text)


def peer_template(entry, **tokens):
    """A peer request as a Lua template: "$name" placeholders become tokens (numbers unquoted)."""
    text = json.dumps({"query": entry["query"], "variables": entry.get("variables", {})})
    for key, token in tokens.items():
        quoted = '"' + token + '"' if key == "date" else token
        text = text.replace(json.dumps("$" + key), quoted)
    return text


CURRENT_DB = "koers_bench_run"


# ---------------------------------------------------------------------------------------------
# The run.
# ---------------------------------------------------------------------------------------------

READS = ["dashboard", "list_first", "list_deep", "by_id"]
WRITES = ["record_measurement", "move_forecast"]


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def export_koers(port):
    started = time.monotonic()
    lines = 0
    request = urllib.request.Request(f"http://127.0.0.1:{port}/export/milestones.ndjson", headers=auth_headers(port))
    with urllib.request.urlopen(request, timeout=600) as response:
        for _ in response:
            lines += 1
    return (time.monotonic() - started) * 1000, lines


def export_peer(entry):
    started = time.monotonic()
    data = post(PEER_PORT, {"query": entry["query"], "variables": entry.get("variables", {})})
    if "errors" in data:
        raise RuntimeError(f"PostGraphile export failed: {data['errors']}")
    return (time.monotonic() - started) * 1000


# How long the burst of 256 connections lasts (quick run, full run).
BURST_SECONDS = {True: 5, False: 20}


def bench_size(size, args, results):
    tpl, sqlite_plan = prepare_plan(size)
    db = CURRENT_DB
    copy_plan(tpl, db)
    marks = {"measurements": int(psql("SELECT COALESCE(MAX(id), 0) FROM kpi_measurement", db)),
             "changes": int(psql("SELECT COALESCE(MAX(id), 0) FROM change_record", db))}
    rounds, seconds = args.rounds, args.seconds
    with_peer = not args.quick and os.path.exists(PEER_QUERIES)
    per = {}

    def add(key, value):
        per.setdefault(key, []).append(value)

    for r in range(rounds):
        log(f"==> plan {size}, round {r + 1}/{rounds}")
        restore(db, marks)
        koers = start_koers(pg_url(db), KOERS_PG_PORT, "koers-pg")
        add(("koers", "startup_ms"), koers.startup_ms)
        peer = start_peer(pg_url(db)) if with_peer else None
        if peer:
            add(("postgraphile", "startup_ms"), peer.startup_ms)
        workloads = Workloads(size, KOERS_PG_PORT)
        try:
            for name in READS + WRITES:
                if r == 0:
                    # The statements of one request: counted, and replayed as the floor.
                    reconnect_sessions(db)
                    stmts = capture(db, lambda: post(KOERS_PG_PORT, workloads.koers_single(name)))
                    results.setdefault("sql", {})[(size, name)] = stmts
                    add(("koers", name, "statements"), len(stmts))
                    if name in WRITES:
                        restore(db, marks)
                stmts = results["sql"][(size, name)]
                for system in ("koers", "postgraphile", "floor"):
                    if system == "postgraphile" and not peer:
                        continue
                    if system == "floor":
                        res = run_pgbench(db, stmts, seconds, 8)
                    else:
                        server = koers if system == "koers" else peer
                        lua = workloads.koers(name) if system == "koers" else workloads.peer_lua(name)
                        if lua is None:
                            continue
                        if name in WRITES:
                            restore(db, marks)
                        run_wrk(server.port, lua, 1, 8)  # warm-up
                        if name in WRITES:
                            # Same dates and versions again: start from the restored plan.
                            restore(db, marks)
                        cpu = server.cpu_ms()
                        res = run_wrk(server.port, lua, seconds, 8)
                        res["cpu_ms"] = (server.cpu_ms() - cpu) / max(res["requests"], 1)
                        if name in READS and not args.quick:
                            one = run_wrk(server.port, lua, max(2, seconds // 2), 1)
                            add((system, name, "p50_c1"), one["p50"])
                            add((system, name, "p99_c1"), one["p99"])
                    for key in ("rps", "p50", "p99", "cpu_ms", "errors"):
                        if key in res:
                            add((system, name, key), res[key])
                    if name in WRITES:
                        restore(db, marks)
            # Whole-plan export.
            ms, lines = export_koers(KOERS_PG_PORT)
            add(("koers", "export", "ms"), ms)
            if r == 0:
                reconnect_sessions(db)
                stmts = capture(db, lambda: export_koers(KOERS_PG_PORT))
                results["sql"][(size, "export")] = stmts
                add(("koers", "export", "statements"), len(stmts))
            if peer and workloads.peer and "export" in workloads.peer:
                add(("postgraphile", "export", "ms"), export_peer(workloads.peer["export"]))
            floor = run_pgbench_once(db, results["sql"][(size, "export")])
            add(("floor", "export", "ms"), floor)
            # A burst: 256 connections on the dashboard (most get 503 past the cap on requests in
            # flight). Memory before, at its peak, and 3 s after: it must come back.
            add(("koers", "idle_rss_mb"), koers.rss_mb())
            run_wrk(koers.port, workloads.koers("dashboard"), BURST_SECONDS[args.quick], 256)
            add(("koers", "burst_peak_rss_mb"), koers.peak_rss_mb())
            time.sleep(3)
            add(("koers", "settled_rss_mb"), koers.rss_mb())
            add(("koers", "peak_rss_mb"), koers.peak_rss_mb())
            if peer:
                add(("postgraphile", "peak_rss_mb"), peer.peak_rss_mb())
        finally:
            koers.stop()
            if peer:
                peer.stop()

        if not args.quick:
            bench_sqlite(size, sqlite_plan, results, add, seconds)

    results.setdefault("sizes", {})[size] = {k: median(v) for k, v in per.items()}


def run_pgbench_once(db, statements):
    path = os.path.join(DATA, "export.sql")
    with open(path, "w") as f:
        f.write("\n".join(statements) + "\n")
    out = subprocess.run(["pgbench", "-n", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-c", "1", "-t", "3",
                          "-f", path, db], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"latency average = ([\d.]+) ms", out).group(1))


def bench_sqlite(size, plan, results, add, seconds):
    path = os.path.join(DATA, "run.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    shutil.copy(plan, path)
    url = f"sqlite://{path}?mode=rwc"
    # The floor: the statements koers sends on SQLite, from its own statement log.
    capturing = start_koers(url, KOERS_SQLITE_PORT, "koers-sqlite-capture", log_sql=True)
    try:
        workloads = Workloads(size, KOERS_SQLITE_PORT)
        dashboard = capture_koers_log(capturing, lambda: post(KOERS_SQLITE_PORT, workloads.koers_single("dashboard")))
        export = capture_koers_log(capturing, lambda: export_koers(KOERS_SQLITE_PORT))
    finally:
        capturing.stop()
    koers = start_koers(url, KOERS_SQLITE_PORT, "koers-sqlite")
    try:
        lua = workloads.koers("dashboard")
        run_wrk(KOERS_SQLITE_PORT, lua, 1, 8)
        res = run_wrk(KOERS_SQLITE_PORT, lua, seconds, 8)
        add(("koers-sqlite", "dashboard", "rps"), res["rps"])
        one = run_wrk(KOERS_SQLITE_PORT, lua, max(2, seconds // 2), 1)
        add(("koers-sqlite", "dashboard", "p50_c1"), one["p50"])
        ms, _ = export_koers(KOERS_SQLITE_PORT)
        add(("koers-sqlite", "export", "ms"), ms)
        add(("koers-sqlite", "peak_rss_mb"), koers.peak_rss_mb())
    finally:
        koers.stop()
    add(("sqlite3", "dashboard", "ms"), run_sqlite3(path, dashboard, 50))
    add(("sqlite3", "export", "ms"), run_sqlite3(path, export, 3))


# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------

def fmt(value, digits=1):
    if value is None or value != value:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def ratio(a, b):
    if a is None or b is None or a != a or b != b or b == 0:
        return float("nan")
    return a / b


def report(results, args):
    lines = []
    for size, m in results["sizes"].items():
        g = lambda *k: m.get(k, float("nan"))
        lines.append(f"\n### Plan {size} ({SIZES[size]:,} milestones), PostgreSQL, medians of {args.rounds} "
                     f"paired rounds of {args.seconds} s\n")
        lines.append("| workload | koers req/s | PostGraphile req/s | SQL floor req/s | koers / PostGraphile "
                     "| koers / floor | koers p50 / p99 ms (8 conn) | PostGraphile p50 / p99 ms | koers p50 / p99 ms "
                     "(1 conn) | PostGraphile p50 / p99 ms (1 conn) | koers CPU ms/req | PostGraphile CPU ms/req "
                     "| SQL statements koers |")
        lines.append("|---|" + "---|" * 12)
        for name in READS + WRITES:
            lines.append(
                f"| {name} | {fmt(g('koers', name, 'rps'))} | {fmt(g('postgraphile', name, 'rps'))} "
                f"| {fmt(g('floor', name, 'rps'))} | {fmt(ratio(g('koers', name, 'rps'), g('postgraphile', name, 'rps')), 2)} "
                f"| {fmt(ratio(g('koers', name, 'rps'), g('floor', name, 'rps')), 2)} "
                f"| {fmt(g('koers', name, 'p50'))} / {fmt(g('koers', name, 'p99'))} "
                f"| {fmt(g('postgraphile', name, 'p50'))} / {fmt(g('postgraphile', name, 'p99'))} "
                f"| {fmt(g('koers', name, 'p50_c1'))} / {fmt(g('koers', name, 'p99_c1'))} "
                f"| {fmt(g('postgraphile', name, 'p50_c1'))} / {fmt(g('postgraphile', name, 'p99_c1'))} "
                f"| {fmt(g('koers', name, 'cpu_ms'), 2)} | {fmt(g('postgraphile', name, 'cpu_ms'), 2)} "
                f"| {fmt(g('koers', name, 'statements'), 0)} |")
        lines.append(
            f"| export (ms) | {fmt(g('koers', 'export', 'ms'))} | {fmt(g('postgraphile', 'export', 'ms'))} "
            f"| {fmt(g('floor', 'export', 'ms'))} | | {fmt(ratio(g('koers', 'export', 'ms'), g('floor', 'export', 'ms')), 2)} (time) "
            f"| | | | | | | {fmt(g('koers', 'export', 'statements'), 0)} |")
        lines.append(f"\nStart to first answer: koers {fmt(g('koers', 'startup_ms'))} ms, PostGraphile "
                     f"{fmt(g('postgraphile', 'startup_ms'))} ms. Peak resident memory under load: koers "
                     f"{fmt(g('koers', 'peak_rss_mb'))} MB, PostGraphile {fmt(g('postgraphile', 'peak_rss_mb'))} MB. "
                     f"Under a burst of 256 connections: koers at rest {fmt(g('koers', 'idle_rss_mb'))} MB, at its "
                     f"peak {fmt(g('koers', 'burst_peak_rss_mb'))} MB, 3 s after {fmt(g('koers', 'settled_rss_mb'))} MB. "
                     f"Errors in all rounds: koers {fmt(sum_errors(m, 'koers'), 0)}, PostGraphile "
                     f"{fmt(sum_errors(m, 'postgraphile'), 0)}.")
        if ("koers-sqlite", "dashboard", "rps") in m:
            lines.append(
                f"\nSQLite: dashboard {fmt(g('koers-sqlite', 'dashboard', 'rps'))} req/s at 8 connections, "
                f"{fmt(g('koers-sqlite', 'dashboard', 'p50_c1'))} ms p50 at 1 connection against "
                f"{fmt(g('sqlite3', 'dashboard', 'ms'))} ms for its SQL in sqlite3 "
                f"(ratio {fmt(ratio(g('koers-sqlite', 'dashboard', 'p50_c1'), g('sqlite3', 'dashboard', 'ms')), 2)}); "
                f"export {fmt(g('koers-sqlite', 'export', 'ms'))} ms against {fmt(g('sqlite3', 'export', 'ms'))} ms "
                f"(ratio {fmt(ratio(g('koers-sqlite', 'export', 'ms'), g('sqlite3', 'export', 'ms')), 2)}); "
                f"peak memory {fmt(g('koers-sqlite', 'peak_rss_mb'))} MB.")
    sizes = [s for s in results["sizes"] if ("koers", "export", "ms") in results["sizes"][s]]
    if len(sizes) >= 2:
        xs = [math.log(SIZES[s]) for s in sizes]
        for system in ("koers", "postgraphile", "floor"):
            ys = [results["sizes"][s].get((system, "export", "ms"), float("nan")) for s in sizes]
            if all(y == y and y > 0 for y in ys):
                slope = fit([*xs], [math.log(y) for y in ys])
                lines.append(f"\nExport growth exponent ({system}, time ~ n^k over {', '.join(sizes)}): k = {slope:.2f}")
    return "\n".join(lines)


def sum_errors(m, system):
    return sum(v for k, v in m.items() if k[0] == system and k[-1] == "errors" and v == v)


def fit(xs, ys):
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def check_thresholds(results):
    """The quick mode's gate: ratios against the floor and statement counts."""
    with open(THRESHOLDS) as f:
        limits = json.load(f)
    m = results["sizes"]["S"]
    failures = []
    for name, minimum in limits["min_ratio_to_floor"].items():
        r = ratio(m.get(("koers", name, "rps")), m.get(("floor", name, "rps")))
        status = "ok" if r == r and r >= minimum else "FAIL"
        log(f"    {name}: koers / floor = {fmt(r, 2)} (threshold {minimum}) {status}")
        if status == "FAIL":
            failures.append(f"{name} ratio {fmt(r, 2)} < {minimum}")
    for name, expected in limits["statements"].items():
        got = m.get(("koers", name, "statements"))
        status = "ok" if got == expected else "FAIL"
        log(f"    {name}: {fmt(got, 0)} SQL statements (expected {expected}) {status}")
        if status == "FAIL":
            failures.append(f"{name} ran {got} statements, expected {expected}")
    errors = sum_errors(m, "koers")
    if errors:
        failures.append(f"{errors:.0f} failed requests")
    idle, settled = m.get(("koers", "idle_rss_mb")), m.get(("koers", "settled_rss_mb"))
    allowance = limits["settled_memory_over_idle_mb"]
    status = "ok" if settled is not None and idle is not None and settled <= idle + allowance else "FAIL"
    log(f"    memory 3 s after a burst: {fmt(settled)} MB, at rest {fmt(idle)} MB (allowed {allowance} MB more) {status}")
    if status == "FAIL":
        failures.append(f"memory stayed at {fmt(settled)} MB after a burst (at rest {fmt(idle)} MB)")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="plan S, PostgreSQL, koers vs the SQL floor, gated")
    parser.add_argument("--sizes", default=None, help="comma-separated plan sizes (default S,M,L; quick: S)")
    parser.add_argument("--rounds", type=int, default=None, help="paired rounds (default 3)")
    parser.add_argument("--seconds", type=int, default=None, help="seconds per measurement (default 5; quick 2)")
    parser.add_argument("--out", default=os.path.join(BENCH, "results.md"), help="where to write the table")
    args = parser.parse_args()
    args.rounds = args.rounds or 3
    args.seconds = args.seconds or (2 if args.quick else 5)
    sizes = (args.sizes or ("S" if args.quick else "S,M,L")).upper().split(",")
    os.makedirs(DATA, exist_ok=True)
    if not os.path.exists(KOERS):
        sys.exit("build koers first: cargo build --release -p koers (bench/run.sh does)")
    started = time.monotonic()
    results = {}
    for size in sizes:
        bench_size(size, args, results)
    table = report(results, args)
    binary = "test build" if os.environ.get("KOERS_BIN") else "release build"
    header = (f"Benchmark of koers ({'quick' if args.quick else 'full'} run, {binary}, "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
              f"{(time.monotonic() - started) / 60:.1f} min)\n")
    print(header + table)
    with open(args.out, "w") as f:
        f.write(header + table + "\n")
    if args.quick:
        failures = check_thresholds(results)
        if failures:
            log("bench: FAILED: " + "; ".join(failures))
            sys.exit(1)
        log("bench: quick checks passed")


if __name__ == "__main__":
    main()

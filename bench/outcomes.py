#!/usr/bin/env python3
"""bench/outcomes.py BUILD - the regional indicator page (/uitkomsten) on a
database of 1,000,000 clients against the same aggregates in the sqlite3
shell, side by side in one run (docs/benchmarks.md, "Regional indicator
page").

Steps: a fresh SQLite database (init + demo) in a temp dir, filled by
bench/outcomes_gen.sql (WB_BENCH_CLIENTS, default 1,000,000); werkbrug serve
on a free port; log in as the demo's UWV professional, whose view of the
region is the outside one (monitoring consent + suppression); then, ROUNDS
times in turn: werkbrug answers the page REPS times (sequential requests,
wall time each, server CPU from /proc/PID/stat), and the sqlite3 shell runs
the page's statements REPS times with the same parameters in one process
(wall and CPU time of each statement from .timer).  The statements are printed from src/store/queries.c by
bench/print_sql.c, so the reference is exactly the SQL the page runs, with
nothing of werkbrug around it: the floor.  Prints medians and the ratio
werkbrug / shell (target: at most 1.5).

Knobs: WB_BENCH_CLIENTS, WB_BENCH_REPS (5), WB_BENCH_ROUNDS (3),
WB_BENCH_REGION (the demo's home region), WB_BENCH_QUARTER (the last full
quarter), WB_BENCH_KEEP=1 keeps the temp dir.
"""
import datetime, http.cookiejar, os, re, shutil, socket, statistics
import subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
BIN = os.path.join(BUILD, "werkbrug")
CLIENTS = int(os.environ.get("WB_BENCH_CLIENTS", "1000000"))
REPS = int(os.environ.get("WB_BENCH_REPS", "5"))
ROUNDS = int(os.environ.get("WB_BENCH_ROUNDS", "3"))
TICK = os.sysconf("SC_CLK_TCK")


def die(msg):
    sys.exit("bench: " + msg)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def days(d):
    return (d - datetime.date(1970, 1, 1)).days


def quarter_bounds(y, q):
    first = datetime.date(y, 3 * (q - 1) + 1, 1)
    nxt = datetime.date(y + 1, 1, 1) if q == 4 else \
        datetime.date(y, 3 * q + 1, 1)
    return days(first), days(nxt) - 1


def cpu_of(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def main():
    if not os.access(BIN, os.X_OK):
        die(BIN + " not found; run make first")
    for tool in ("sqlite3", "cc"):
        if shutil.which(tool) is None:
            die(tool + " not found")
    tmp = tempfile.mkdtemp(prefix="werkbrug-bench-outcomes.")
    env = dict(os.environ, WERKBRUG_KEY_FILE=os.path.join(tmp, "site.key"))
    db = os.path.join(tmp, "wb.db")
    url = "sqlite:" + db
    server = None
    try:
        subprocess.run([BIN, "--db", url, "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        demo = subprocess.run([BIN, "--db", url, "demo"], env=env,
                              check=True, capture_output=True, text=True)
        m = re.search(r"uwv@werkbrug\.example\s+\S+\s+(\S+)", demo.stdout)
        if not m:
            die("no UWV login in the demo's output")
        password = m.group(1)
        today = days(datetime.date.today())
        t0 = time.monotonic()
        subprocess.run(["sqlite3", db, "CREATE TEMP TABLE p (n, today); "
                        "INSERT INTO p VALUES (%d, %d);" % (CLIENTS, today),
                        ".read " + os.path.join(ROOT, "bench",
                                                "outcomes_gen.sql")],
                       check=True, stdout=subprocess.DEVNULL)
        gen = time.monotonic() - t0
        region = os.environ.get("WB_BENCH_REGION") or subprocess.run(
            ["sqlite3", db, "SELECT m.region_code FROM municipality m "
             "WHERE m.code = 'GM0796'"], capture_output=True,
            text=True, check=True).stdout.strip()
        d = datetime.date.today()
        y, q = d.year, (d.month - 1) // 3
        if q == 0:
            y, q = y - 1, 4
        quarter = os.environ.get("WB_BENCH_QUARTER", "%dK%d" % (y, q))
        y, q = int(quarter[:4]), int(quarter[5])
        counts = subprocess.run(
            ["sqlite3", db, "SELECT (SELECT count(*) FROM client), "
             "(SELECT count(*) FROM trajectory), (SELECT count(*) FROM job), "
             "(SELECT count(*) FROM measurement), (SELECT count(*) FROM "
             "trajectory WHERE region_code = '%s')" % region],
            capture_output=True, text=True, check=True).stdout.strip()

        # The reference: the page's statements, parameters filled in.
        ps = os.path.join(tmp, "print_sql")
        subprocess.run(["cc", "-O1", "-I" + os.path.join(ROOT, "src"),
                        "-o", ps, os.path.join(ROOT, "bench", "print_sql.c"),
                        os.path.join(ROOT, "src", "store", "queries.c")],
                       check=True)
        first, last = quarter_bounds(y, q)
        ty, tq = y, q
        for _ in range(7):
            tq -= 1
            if tq == 0:
                ty, tq = ty - 1, 4
        trend_first, _ = quarter_bounds(ty, tq)
        names = ["Q_INTERVENTION_LIST", "Q_IND_CASELOAD_REGION",
                 "Q_IND_STARTS_REGION", "Q_IND_CONTACT_REGION",
                 "Q_IND_FIRSTJOB_REGION", "Q_IND_TENURE_REGION",
                 "Q_IND_TREND_REGION"]
        sqls = subprocess.run([ps] + names, capture_output=True, text=True,
                              check=True).stdout.strip().split("\n")
        script = []
        for name, sql in zip(names, sqls):
            f = trend_first if name == "Q_IND_TREND_REGION" else first
            params = {1: "'%s'" % region, 2: "NULL", 3: str(f),
                      4: str(last), 5: "1", 6: str(today), 7: "240"}
            if name == "Q_INTERVENTION_LIST":
                params = {1: "1"}
            sql = re.sub(r"\$(\d+)", lambda mm: params[int(mm.group(1))],
                         sql)
            script.append("SELECT count(*) FROM (%s);" % sql)
        ref_sql = os.path.join(tmp, "reference.sql")
        with open(ref_sql, "w") as f:
            f.write("\n".join(script) + "\n")

        port = free_port()
        log = open(os.path.join(tmp, "serve.log"), "w")
        server = subprocess.Popen([BIN, "--db", url, "serve", "--listen",
                                   "127.0.0.1:%d" % port], env=env,
                                  stdout=log, stderr=log)
        base = "http://127.0.0.1:%d" % port
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar),
            urllib.request.HTTPRedirectHandler())
        opener.open(base + "/inloggen").read()
        csrf = next(c.value for c in jar if c.name == "wb_pre")
        opener.open(base + "/inloggen", urllib.parse.urlencode({
            "csrf": csrf, "email": "uwv@werkbrug.example",
            "password": password}).encode()).read()
        page = "%s/uitkomsten?regio=%s&kwartaal=%s" % (base, region,
                                                        quarter)
        body = opener.open(page).read().decode()
        if "Werkend per kwartaal" not in body:
            die("the page did not render (login failed?)")
        subprocess.run(["sqlite3", db, ".read " + ref_sql], check=True,
                       stdout=subprocess.DEVNULL)	# warm both

        wb_wall, wb_cpu, sh_wall, sh_cpu = [], [], [], []
        for _ in range(ROUNDS):
            for _ in range(REPS):
                c0, w0 = cpu_of(server.pid), time.monotonic()
                opener.open(page).read()
                wb_wall.append(time.monotonic() - w0)
                wb_cpu.append(cpu_of(server.pid) - c0)
            # One shell runs the statements REPS times, so its page cache
            # is as warm as werkbrug's; .timer gives wall and CPU of each.
            out = subprocess.run(
                ["sqlite3", db], input=".timer on\n" + (".read %s\n" %
                                                        ref_sql) * REPS,
                capture_output=True, text=True, check=True).stdout
            times = [tuple(float(x) for x in mm.groups()) for mm in
                     re.finditer(r"Run Time: real ([0-9.]+) user ([0-9.]+) "
                                 r"sys ([0-9.]+)", out)]
            if len(times) != REPS * len(script):
                die("unexpected sqlite3 output:\n" + out[-2000:])
            for k in range(REPS):
                part = times[k * len(script):(k + 1) * len(script)]
                sh_wall.append(sum(t[0] for t in part))
                sh_cpu.append(sum(t[1] + t[2] for t in part))
        mw, ms = statistics.median(wb_wall), statistics.median(sh_wall)
        cw = sum(wb_cpu) / len(wb_cpu)
        cs = sum(sh_cpu) / len(sh_cpu)
        print("database: %s clients, trajectories, jobs, measurements, "
              "trajectories in %s = %s (generated in %.0f s, %d MB)" % (
                  CLIENTS, region, counts.replace("|", ", "), gen,
                  os.path.getsize(db) // (1 << 20)))
        print("page:     GET /uitkomsten?regio=%s&kwartaal=%s as "
              "uwv@werkbrug.example (outside view), %d bytes" % (
                  region, quarter, len(body)))
        print("runs:     %d rounds of %d, alternating" % (ROUNDS, REPS))
        print("werkbrug  wall median %7.1f ms  (min %.1f, max %.1f)  "
              "server CPU mean %.1f ms" % (mw * 1e3, min(wb_wall) * 1e3,
                                           max(wb_wall) * 1e3, cw * 1e3))
        print("sqlite3   wall median %7.1f ms  (min %.1f, max %.1f)  "
              "CPU mean %.1f ms" % (ms * 1e3, min(sh_wall) * 1e3,
                                    max(sh_wall) * 1e3, cs * 1e3))
        print("ratio werkbrug/sqlite3: wall %.2f, CPU %.2f (target <= 1.5)"
              % (mw / ms, cw / cs if cs > 0 else float("nan")))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        if os.environ.get("WB_BENCH_KEEP") == "1":
            print("bench: kept " + tmp)
        else:
            shutil.rmtree(tmp)


main()

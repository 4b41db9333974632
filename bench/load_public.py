"""Load benchmark of the public site: the Delivery Plan page and the API's list of actions for a
quarter, against a trivial view (/healthz/), with 16 concurrent clients on loopback.

    .venv/bin/python bench/load_public.py [--skip-data] [--duration 20] [--json out.json]
    .venv/bin/python bench/load_public.py --skip-data --sweep   # compare gunicorn set-ups

1. Drops and recreates the PostgreSQL database pw_bench on 127.0.0.1:5432 (trust
   authentication, as postgres or root), migrates it and builds the national data set (43
   Plans x 250 actions x 12 published quarters: bench/national_data.py says what goes
   through the services and what is bulk-inserted). --skip-data reuses the database as it is.
2. Starts gunicorn on a free port on 127.0.0.1 with DEBUG off and logging off (no access log,
   errors only), persistent database connections (PLANWATCH_CONN_MAX_AGE=60), 4 sync workers:
   the best of 2 to 4 sync workers and gthread on a 2-CPU machine (--sweep measures them
   again). Both pages are CPU-bound Python, so threads gain nothing under the GIL.
3. Loads, as a signed-out visitor, the Delivery Plan page of the latest published quarter of
   one Plan (all its 250 actions: the page is not paginated), the first page of the API's
   actions of that quarter, and /healthz/. Checks each answers 200, then runs wrk (Debian
   package `wrk`, installed with apt-get when missing and running as root) with 16
   connections on 2 threads: a 3-second warm-up, then --duration seconds; a Lua script prints
   requests/s and the latency percentiles.
4. Prints a table, and the ratio of each endpoint's requests/s to /healthz/'s; --json writes
   the figures. gunicorn is stopped afterwards, whatever happens.

wrk runs on the same machine as gunicorn and PostgreSQL and takes a share of its CPUs: the
figures compare endpoints on one machine; they are not a capacity plan.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "pw_bench"
PG_HOST, PG_PORT = "127.0.0.1", 5432
SETTINGS = {
    "PLANWATCH_SECRET_KEY": "bench-only-secret-key-not-for-any-real-service",
    "PLANWATCH_DEBUG": "0",
    "PLANWATCH_ALLOWED_HOSTS": "127.0.0.1",
    "PLANWATCH_CONN_MAX_AGE": "60",
    "PLANWATCH_LOG_LEVEL": "ERROR",
    "DJANGO_SETTINGS_MODULE": "planwatch.settings",
}
CONNECTIONS, THREADS, WARM_UP = 16, 2, 3
# Measured with --sweep on the 2-CPU machine the figures in bench/README.md come from.
WORKERS = ("sync", 4, 1)
SWEEP = (("sync", 2, 1), ("sync", 3, 1), ("sync", 4, 1), ("gthread", 2, 4), ("gthread", 4, 2))
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_JSON {\\"requests\\": %d, \\"seconds\\": %.3f, \\"p50\\": %.3f, \\"p95\\": %.3f, "
    .. "\\"p99\\": %.3f, \\"errors\\": %d, \\"non_2xx\\": %d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def database_recreate() -> str:
    """Drop and create pw_bench (only that database); the DATABASE_URL to reach it."""
    import psycopg

    for user in ("postgres", "root"):
        try:
            admin = psycopg.connect(
                host=PG_HOST, port=PG_PORT, user=user, dbname="postgres", autocommit=True
            )
        except psycopg.OperationalError as error:
            problem = error
            continue
        with admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {DB_NAME}")
        return f"postgres://{user}@{PG_HOST}:{PG_PORT}/{DB_NAME}"
    sys.exit(
        f"Cannot reach PostgreSQL on {PG_HOST}:{PG_PORT} as postgres or root: {problem}\n"
        "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
    )


def database_url() -> str:
    import psycopg

    for user in ("postgres", "root"):
        url = f"postgres://{user}@{PG_HOST}:{PG_PORT}/{DB_NAME}"
        try:
            psycopg.connect(url).close()
            return url
        except psycopg.OperationalError:
            continue
    sys.exit(f"There is no database {DB_NAME} to reuse: run without --skip-data.")


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is not installed: sudo apt-get install wrk (Debian/Ubuntu), then run again.")
    print("Installing wrk with apt-get...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, env=env)
    return shutil.which("wrk") or sys.exit("apt-get did not install wrk.")


@dataclass
class Target:
    name: str
    path: str


@dataclass
class Result:
    endpoint: str
    path: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int
    non_2xx: int
    ratio_to_trivial: float | None = None


def targets(slug: str, period: str) -> list[Target]:
    return [
        Target("Delivery Plan page", f"/plans/{slug}/delivery/{period}/"),
        Target("API list of actions", f"/api/v1/plans/{slug}/periods/{period}/actions"),
        Target("/healthz/ (trivial)", "/healthz/"),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving PlanWatch on 127.0.0.1; stop() ends it (and its workers)."""

    def __init__(self, url: str, worker_class: str, workers: int, threads: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.label = f"gunicorn {workers} {worker_class} workers" + (
            f" x {threads} threads" if worker_class == "gthread" else ""
        )
        self.errors = Path(tempfile.mkstemp(prefix="pw-bench-gunicorn-", suffix=".log")[1])
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "planwatch.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            f"--worker-class={worker_class}",
            f"--threads={threads}",
            "--log-level=error",
            f"--error-logfile={self.errors}",
            "--preload",
        ]
        env = {**os.environ, **SETTINGS, "DATABASE_URL": url}
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: see {self.errors}")
            try:
                if get(self.base + "/healthz/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.errors.exists() and self.errors.stat().st_size == 0:
            self.errors.unlink()
        elif self.errors.exists():
            print(f"gunicorn's errors are in {self.errors}")


def get(url: str) -> tuple[int, bytes]:
    try:
        # Only ever http://127.0.0.1:<port>/...: the server this script started.
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check(base: str, target: Target) -> None:
    status, body = get(base + target.path)
    if status != 200:
        raise RuntimeError(f"{target.path} answered {status}, not 200")
    if target.path.startswith("/api/"):
        data = json.loads(body)
        print(f"  {target.path}: 200, {len(data['items'])} of {data['count']} actions")
    else:
        print(f"  {target.path}: 200, {len(body) / 1024:,.0f} KB")


def wrk_run(wrk: str, url: str, seconds: int, script: Path) -> dict:
    command = [wrk, f"-c{CONNECTIONS}", f"-t{THREADS}", f"-d{seconds}s", "--timeout=10s"]
    output = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def measure(wrk: str, base: str, target: Target, seconds: int, script: Path) -> Result:
    wrk_run(wrk, base + target.path, WARM_UP, script)
    found = wrk_run(wrk, base + target.path, seconds, script)
    return Result(
        endpoint=target.name,
        path=target.path,
        requests_per_second=found["requests"] / found["seconds"],
        p50_ms=found["p50"],
        p95_ms=found["p95"],
        p99_ms=found["p99"],
        requests=found["requests"],
        errors=found["errors"],
        non_2xx=found["non_2xx"],
    )


def table(results: list[Result]) -> str:
    lines = [
        f"{'endpoint':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'vs /healthz/':>12} {'errors':>7}"
    ]
    for r in results:
        ratio = f"{r.ratio_to_trivial:.3f}" if r.ratio_to_trivial is not None else "-"
        lines.append(
            f"{r.endpoint:<22} {r.requests_per_second:8.1f} {r.p50_ms:8.1f} {r.p95_ms:8.1f} "
            f"{r.p99_ms:8.1f} {ratio:>12} {r.errors + r.non_2xx:7d}"
        )
    return "\n".join(lines)


def setup_django(url: str) -> None:
    os.environ.update(SETTINGS)
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()


def queries_per_request(items: list[Target]) -> dict[str, int]:
    """How many queries each endpoint makes for one signed-out request (in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for target in items:
        client.get(target.path)
        with CaptureQueriesContext(connection) as queries:
            client.get(target.path)
        counts[target.path] = len(queries)
    return counts


def table_sizes() -> dict[str, int]:
    from planwatch.accounts.models import User
    from planwatch.delivery.models import Action, ReportingPeriod, Update
    from planwatch.plans.models import Objective, Plan, Theme

    models = (Plan, Theme, Objective, Action, ReportingPeriod, Update, Update.history.model, User)
    return {model._meta.db_table: model.objects.count() for model in models}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-data", action="store_true", help="reuse the pw_bench database")
    parser.add_argument("--duration", type=int, default=20, help="seconds per endpoint")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--plan", default="west-yorkshire", help="force id of the Plan to load")
    parser.add_argument(
        "--sweep", action="store_true", help="compare gunicorn set-ups (2-4 workers, gthread)"
    )
    args = parser.parse_args()
    # Killed with SIGTERM, still stop gunicorn (it runs in a session of its own).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("Stopped."))
    wrk = wrk_path()
    if args.skip_data:
        url = database_url()
        setup_django(url)
    else:
        url = database_recreate()
        setup_django(url)
        from django.core.management import call_command
        from django.db import connection
        from national_data import national_data_build

        print(f"Building the national data set in {DB_NAME}...")
        call_command("migrate", verbosity=0)
        national_data_build()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    from planwatch.delivery.models import PeriodState, ReportingPeriod

    period = (
        ReportingPeriod.objects.filter(
            plan__slug=f"{args.plan}-2017-20", state=PeriodState.PUBLISHED
        )
        .order_by("-starts")
        .first()
    )
    if period is None:
        sys.exit(f"No published quarter for {args.plan}-2017-20 in {DB_NAME}.")
    items = targets(period.plan.slug, period.slug)
    sizes = table_sizes()
    counts = queries_per_request(items)
    print("Rows: " + ", ".join(f"{name} {count:,}" for name, count in sizes.items()))
    print("Queries per request: " + ", ".join(f"{p} {n}" for p, n in counts.items()))
    script = Path(tempfile.mkstemp(prefix="pw-bench-", suffix=".lua")[1])
    script.write_text(LUA)
    setups = SWEEP if args.sweep else (WORKERS,)
    report = {
        "cpus": os.cpu_count(),
        "connections": CONNECTIONS,
        "wrk_threads": THREADS,
        "duration_s": args.duration,
        "rows": sizes,
        "queries_per_request": counts,
        "runs": [],
    }
    try:
        for worker_class, workers, threads in setups:
            server = Server(url, worker_class, workers, threads)
            try:
                print(f"\n{server.label}, {CONNECTIONS} connections, load {os.getloadavg()[0]:.1f}")
                for target in items:
                    check(server.base, target)
                results = [
                    measure(wrk, server.base, target, args.duration, script) for target in items
                ]
            finally:
                server.stop()
            trivial = results[-1].requests_per_second
            for result in results:
                result.ratio_to_trivial = result.requests_per_second / trivial
            print(table(results))
            # Other work on the machine slows every figure: the load average says how much.
            load = os.getloadavg()[0]
            print(f"(load average {load:.1f} at the end)")
            report["runs"].append(
                {
                    "server": server.label,
                    "load_average_after": load,
                    "results": [asdict(result) for result in results],
                }
            )
    finally:
        script.unlink(missing_ok=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nFigures written to {args.json}")


if __name__ == "__main__":
    main()

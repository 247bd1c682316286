"""The server under test and the load on it: gunicorn as bin/start runs it, wrk, probes.

Nothing here imports Django: the harness talks to the app over HTTP only.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk" / "scenario.lua"
# The CSRF secret every client holds in its cookie and repeats in X-CSRFToken: 32
# characters from Django's CSRF alphabet, which Django accepts as an unmasked secret.
CSRF_SECRET = "NearerBench0CsrfSecret0123456789"
assert len(CSRF_SECRET) == 32 and CSRF_SECRET.isalnum()
SESSION_COOKIE = "sessionid"
CSRF_COOKIE = "csrftoken"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """One page under load: the requests wrk cycles through, and how to tell that a
    response is the real page (not, say, the sign-in page with a 200)."""

    name: str
    requests: list[Request]
    marker: bytes
    probe_count: int = 5


@dataclass
class Result:
    name: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    requests: int = 0
    errors: int = 0
    error_detail: str = ""
    queries: float | None = None  # probed before the scenario's load: nothing cached yet
    queries_warm: float | None = None  # probed again right after the measured run
    vs_bare: float | None = None
    # Average CPU cores busy during the measured run, by whom: a busy neighbour ("other")
    # makes the figures worthless, so it is measured rather than hoped away.
    cpu: dict[str, float] = field(default_factory=dict)


# --- The server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn with the production process model (sync workers, 2 per core)."""

    def __init__(self, env: Mapping[str, str], workers: int, log_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "nearer.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                "1",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=dict(env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.rss = RssSampler(self.process.pid)

    def wait_ready(self, path: str, timeout: float = 60.0) -> float:
        """Seconds until `path` answers 200; raises if the server dies or never answers."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(self.base + path, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        self.rss.start()
                        return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f}s; see {self.log_path}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.rss.stop()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


# --- Memory -----------------------------------------------------------------------------


def _status_kib(pid: int, key: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants (gunicorn's master and its workers)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


class RssSampler:
    """Sums resident memory over the server's processes: each process's own peak
    (VmHWM, read at the end) and the highest sampled total of current RSS."""

    def __init__(self, root: int, every: float = 0.5) -> None:
        self.root = root
        self.every = every
        self.peak_sampled_kib = 0
        self.hwm_kib = 0
        self.current_kib = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if not self._thread.is_alive():
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            total = sum(_status_kib(pid, "VmRSS") for pid in process_tree(self.root))
            self.peak_sampled_kib = max(self.peak_sampled_kib, total)

    def read_final(self) -> None:
        """Call just before stopping the server."""
        pids = process_tree(self.root)
        self.processes = len(pids)
        self.hwm_kib = sum(_status_kib(pid, "VmHWM") for pid in pids)
        self.current_kib = sum(_status_kib(pid, "VmRSS") for pid in pids)
        self.peak_sampled_kib = max(self.peak_sampled_kib, self.current_kib)

    def stop(self) -> None:
        self._stop.set()


# --- CPU accounting ---------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuSnapshot:
    """CPU seconds used so far by every process on the machine, by whom."""

    at: float
    busy: float  # everything, from /proc/stat
    processes: dict[int, tuple[str, float]]  # pid: (whose, seconds)
    children: float  # finished children of this process: the wrk runs

    @classmethod
    def take(cls, server_root: int, pg_database: str | None) -> CpuSnapshot:
        """`pg_database`: the PostgreSQL database whose backends count as the database's
        CPU (with the server's own background processes); None for SQLite."""
        at = time.monotonic()
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
        busy = (user + nice + system + irq + softirq + steal) / TICKS
        server = set(process_tree(server_root))
        processes: dict[int, tuple[str, float]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            if pid in server:
                whose = "server"
            elif pid == os.getpid():
                whose = "wrk"  # the harness itself: the RSS sampler
            elif pg_database and _is_postgres_for(pid, pg_database):
                whose = "database"
            else:
                whose = "other"
            processes[pid] = (whose, _cpu_seconds(pid))
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return cls(at, busy, processes, usage.ru_utime + usage.ru_stime)

    def cores_until(self, later: CpuSnapshot) -> dict[str, float]:
        """Average cores used between two snapshots by the server, the database, wrk,
        other processes, and "unattributed": processes that started and ended in between
        (PostgreSQL's parallel workers, say), seen only in the machine's total."""
        span = max(later.at - self.at, 1e-9)
        used = dict.fromkeys(("server", "database", "wrk", "other"), 0.0)
        for pid, (whose, seconds) in later.processes.items():
            earlier = self.processes.get(pid)
            start = earlier[1] if earlier and earlier[0] == whose else 0.0
            used[whose] += max(0.0, seconds - start)
        used["wrk"] += later.children - self.children
        total = later.busy - self.busy
        cores = {k: v / span for k, v in used.items()}
        cores["unattributed"] = max(0.0, total - sum(used.values())) / span
        cores["total"] = total / span
        return {k: round(v, 2) for k, v in cores.items()}


def _is_postgres_for(pid: int, database: str) -> bool:
    """A backend serving `database`, or one of PostgreSQL's shared background processes
    (a backend's title reads "postgres: user database host(port) state")."""
    try:
        if Path(f"/proc/{pid}/comm").read_text().strip() != "postgres":
            return False
        title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, UnicodeDecodeError):
        return False
    return database in title.split() or "(" not in title


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


# --- Probes: correctness and queries per request -------------------------------------


def fetch(base: str, request: Request, timeout: float = 30.0) -> tuple[int, bytes, int | None]:
    """(status, body, X-Query-Count) of one request, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    data = request.body.encode() if request.method == "POST" else None
    http_request = urllib.request.Request(  # noqa: S310
        base + request.path, data=data, headers=dict(request.headers), method=request.method
    )
    try:
        with opener.open(http_request, timeout=timeout) as response:
            status, body, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        status, body, headers = exc.code, exc.read(), exc.headers
    count = headers.get("X-Query-Count")
    return status, body, int(count) if count is not None else None


def probe(base: str, scenario: Scenario) -> float:
    """Check a few requests really get the page; the median of their query counts."""
    counts: list[int] = []
    step = max(1, len(scenario.requests) // scenario.probe_count)
    for request in scenario.requests[::step][: scenario.probe_count]:
        status, body, count = fetch(base, request)
        if status != 200 or scenario.marker not in body:
            raise RuntimeError(
                f"{scenario.name}: {request.method} {request.path} gave {status} without "
                f"{scenario.marker!r}; first bytes: {body[:300]!r}"
            )
        if count is None:
            raise RuntimeError(f"{scenario.name}: no X-Query-Count header (NEARER_BENCHMARK off?)")
        counts.append(count)
    return float(statistics.median(counts))


# --- Load ---------------------------------------------------------------------------------


def wrk_path() -> str | None:
    return shutil.which("wrk")


def wrk_version() -> str:
    found = wrk_path()
    if not found:
        return "missing"
    out = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).split("Copyright")[0].strip()


def run_wrk(
    base: str,
    scenario: Scenario,
    *,
    seconds: int,
    concurrency: int,
    threads: int,
) -> Result:
    """One wrk run at fixed concurrency; the figures its Lua done() printed."""
    found = wrk_path()
    assert found is not None
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        for request in scenario.requests:
            fields = [request.method, request.path, request.body]
            fields += [f"{name}: {value}" for name, value in request.headers.items()]
            assert not any("\t" in f or "\n" in f for f in fields)
            handle.write("\t".join(fields) + "\n")
        requests_file = handle.name
    try:
        out = subprocess.run(
            [
                found,
                f"-t{threads}",
                f"-c{concurrency}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                str(LUA),
                base + "/",
                "--",
                requests_file,
                "200",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        os.unlink(requests_file)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_RESULT ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip() or out.stdout}")
    data = json.loads(line.removeprefix("BENCH_RESULT "))
    socket_errors = sum(
        int(data[k]) for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    detail = []
    if socket_errors:
        detail.append(
            "socket: "
            + ", ".join(
                f"{k}={data[k]}"
                for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
                if data[k]
            )
        )
    if data["unexpected_status"]:
        detail.append(f"status: {data['statuses']}")
    return Result(
        name=scenario.name,
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        requests=int(data["requests"]),
        errors=socket_errors + int(data["unexpected_status"]),
        error_detail="; ".join(detail),
    )

"""bin/bench's own arithmetic: reading wrk's output and judging the figures against
the issue's targets (the run itself needs PostgreSQL, gunicorn and minutes)."""

import importlib.machinery
import importlib.util
import subprocess
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bin" / "bench"

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:5000/en/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.10ms   12.00ms 180.00ms   80.00%
    Req/Sec    97.00     10.00   120.00     70.00%
  Latency Distribution
     50%   38.50ms
     75%   45.00ms
     90%   60.00ms
     99%    1.20s
  485 requests in 5.00s, 5.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     97.00
Transfer/sec:      1.00MB
"""


@pytest.fixture(scope="module")
def bench():
    loader = importlib.machinery.SourceFileLoader("bench_script", str(BENCH))
    spec = importlib.util.spec_from_loader("bench_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_reads_rps_percentiles_and_errors_from_wrk(bench, monkeypatch):
    def fake_run(command, **kwargs):
        return subprocess.CompletedProcess(command, 0, stdout=WRK_OUTPUT)

    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    assert bench.wrk(5000, "/en/", 5) == {"rps": 97.0, "p50": 38.5, "p99": 1200.0, "errors": 3}


def page(rps, p50, cached_rps):
    return {
        "url": "/en/",
        "queries": 12,
        "status": 200,
        "uncached": {"rps": rps, "p50": p50, "p99": p50 * 2, "errors": 0},
        "cached": {"rps": cached_rps, "p50": 1.0, "p99": 2.0, "errors": 0},
    }


def test_table_and_verdicts_give_ratios_and_name_the_misses(bench):
    results = [
        {
            "items": 1000,
            "pages": {"home": page(100, 20, 2500), "search": page(50, 40, 60)},
            "admin": {"admin: translation status": {"ms": 100.0, "queries": 30, "status": 200}},
        },
        {
            "items": 100000,
            "pages": {"home": page(90, 25, 2400), "search": page(20, 100, 30)},
            "admin": {"admin: translation status": {"ms": 400.0, "queries": 30, "status": 200}},
        },
    ]
    text = bench.table(results)
    assert text.count("\n") == 1 + 4 + 2  # header, rule, 2 pages × 2 sizes, admin × 2
    assert "| home | 100,000 | 90 | 25.0 | 50.0 | 2,400 | 1.0 | 2.0 | 26.7× | 1.25× | 12 |" in text
    verdicts = bench.verdicts(results)
    assert "- home: meets both targets" in verdicts
    assert any(
        line.startswith("- search: p50 grew 2.50×") and "cached serves 1.5×" in line
        for line in verdicts
    )
    assert "- admin: translation status: 4.00× its time at 1,000 (misses ≤ 1.5×)" in verdicts

"""The benchmark's tools around the measurements: the cache of generated sites, the growth table, the
network size's headroom budgets (no timing asserted)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from mlplanner.bench.__main__ import _from_cache, _headroom, _to_cache, parse_args
from mlplanner.bench.growth import growth_table, main
from mlplanner.bench.progress import Progress
from mlplanner.bench.report import Budget, Row
from mlplanner.bench.sizes import SIZES

DAY = date(2026, 12, 7)


def _site(folder: Path, content: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.sqlite3").write_bytes(content)
    (folder / "site.json").write_text(json.dumps({"size": "network", "path": str(folder / "site.sqlite3")}))


def test_a_generated_site_is_cached_and_copied_back(tmp_path: Path) -> None:
    args = parse_args(["--size", "network", "--cache", str(tmp_path / "cache")])
    quiet = Progress(quiet=True)
    _site(tmp_path / "first", b"built once")
    _to_cache(args, tmp_path / "first", DAY, quiet)

    second = tmp_path / "second"
    second.mkdir()
    assert _from_cache(args, second, DAY, quiet)
    assert (second / "site.sqlite3").read_bytes() == b"built once"
    assert json.loads((second / "site.json").read_text())["path"] == str(second / "site.sqlite3")
    # another day, another seed, or --no-cache: generated again
    assert not _from_cache(args, tmp_path / "x", date(2026, 12, 8), quiet)
    assert not _from_cache(
        parse_args(["--size", "network", "--cache", str(tmp_path / "cache"), "--seed", "2"]),
        tmp_path / "x",
        DAY,
        quiet,
    )
    no_cache = parse_args(["--size", "network", "--cache", str(tmp_path / "cache"), "--no-cache"])
    assert not _from_cache(no_cache, tmp_path / "x", DAY, quiet)
    # a new build of the same size replaces the older one in the cache
    _site(tmp_path / "third", b"built again")
    _to_cache(args, tmp_path / "third", date(2026, 12, 8), quiet)
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".json", ".sqlite3"]


def test_small_runs_are_not_cached_by_default(tmp_path: Path) -> None:
    args = parse_args(["--size", "small"])
    _site(tmp_path / "w", b"small")
    assert not _from_cache(args, tmp_path / "w", DAY, Progress(quiet=True))


def _run(size: str, day_view_ms: float, slots_ms: float, counsellors: int) -> dict:
    return {
        "meta": {
            "size": size,
            "counts": {
                "counsellors": counsellors,
                "youths": counsellors * 100,
                "appointments": counsellors * 7,
            },
            "machine": {"load_average": "2.0 2.1 2.2"},
        },
        "rows": [
            {
                "operation": f"build the site day view model, {counsellors} counsellors",
                "unit": "ms",
                "median": day_view_ms,
                "cpu": day_view_ms,
            },
            {
                "operation": "free-slot search, any counsellor, a week ahead",
                "unit": "ms",
                "median": slots_ms,
                "cpu": slots_ms / 2,
            },
        ],
    }


def test_growth_table_lines_up_the_same_operation_across_sizes(tmp_path: Path, capsys) -> None:
    runs = [_run("small", 2.0, 10.0, 8), _run("large", 10.0, 20.0, 40), _run("network", 20.0, 30.0, 80)]
    text = growth_table(runs)
    lines = text.splitlines()
    day = next(line for line in lines if "day view" in line)
    assert "… counsellors" in day and "2.0 ms" in day and "10.0 ms" in day and "20.0 ms" in day
    assert [c.strip() for c in day.split("|")[-3:-1]] == ["5.0× (CPU)", "2.0× (CPU)"]
    slots = next(line for line in lines if "free-slot" in line)
    assert "30.0 ms (CPU 15.0 ms)" in slots
    assert [c.strip() for c in slots.split("|")[-3:-1]] == ["2.0× (CPU)", "1.5× (CPU)"]
    assert "80 counsellors, 8,000 youths, 560 appointments" in text
    assert "network 2.0 2.1 2.2" in text
    files = []
    for r in runs:
        files.append(tmp_path / f"{r['meta']['size']}.json")
        files[-1].write_text(json.dumps(r))
    assert main([str(f) for f in files]) == 0
    assert capsys.readouterr().out.strip() == text
    assert main([str(files[0])]) == 2


def test_network_size_and_its_headroom_budgets() -> None:
    network, large = SIZES["network"], SIZES["large"]
    assert (network.counsellors, network.rooms, network.youths) == (80, 20, 400_000)
    assert (network.sessions, network.registrations) == (8_000, 120_000)
    assert network.counsellors == 2 * large.counsellors and network.days_past >= 2 * large.days_past
    slots = _headroom(Row("free-slot search, any counsellor, a week ahead", Budget("< 50 ms", limit=0.05)))
    assert slots.budget.limit == 0.030 and not slots.budget.check(0.035, None)
    phone = _headroom(
        Row("free-slot search by phone (no office), a week ahead", Budget("< 50 ms", limit=0.05))
    )
    assert phone.budget.limit == 0.05
    start = _headroom(Row("cold start to the site day view (PIN step skipped)", Budget("< 2 s", limit=2.0)))
    assert start.budget.limit == 1.0

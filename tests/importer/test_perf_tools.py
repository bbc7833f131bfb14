"""The benchmark tools: generated files follow the contract; the runner finds benchmarks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cms.importer.reader import check_file, file_hasher
from tests.perf import __main__ as runner
from tests.perf.generate import generate


def test_generated_file_is_valid_and_deterministic(tmp_path: Path, db):
    one = generate(tmp_path / "a.jsonl", articles=60, procedures=5, documents=7, seed=3)
    two = generate(tmp_path / "b" / "a.jsonl", articles=60, procedures=5, documents=7, seed=3)
    assert one.read_bytes() == two.read_bytes()
    check = check_file(one, file_hasher())
    assert check.errors == []
    assert check.counts == Counter(article=60, procedure=5, legal_document=7)
    images = {p.name for p in (tmp_path / "a-files").iterdir()}
    assert len(images) == 20


def test_runner_discovers_bench_modules():
    benches = runner.discover()
    assert "import" in benches and callable(benches["import"])
    args = runner.parser().parse_args(["import", "--articles", "10"])
    assert args.names == ["import"] and args.articles == 10 and args.db == "cms_bench"

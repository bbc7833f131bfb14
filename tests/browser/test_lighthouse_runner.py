"""``make lighthouse``'s runner: Lighthouse runs again when it aborts, never for a low score.

No browser needed: ``subprocess.run`` is replaced by scripted outcomes.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.browser import lighthouse


def _report(performance: float = 1.0, **extra) -> dict:
    scores = {"performance": performance, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
    return {"categories": {c: {"score": s} for c, s in scores.items()}, **extra}


@pytest.fixture
def script(tmp_path, monkeypatch):
    """``script(*outcomes)``: each Lighthouse run exits with a code and writes a report (or not)."""
    report = tmp_path / "home.json"
    calls = []

    def play(*outcomes: tuple[int, dict | None]):
        pending = list(outcomes)

        def run(command, env, check):
            code, data = pending.pop(0)
            calls.append(command)
            if data is not None:
                report.write_text(json.dumps(data))
            return subprocess.CompletedProcess(command, code)

        monkeypatch.setattr(lighthouse.subprocess, "run", run)
        return lighthouse._lighthouse("home", ["lighthouse"], {}, report, retries=2)

    play.calls = calls
    return play


def test_an_aborted_run_is_retried_and_says_so(script, capsys):
    navstart = {"code": "NO_NAVSTART", "message": "Chrome didn't collect a navStart event."}
    result = script((1, None), (0, _report(runtimeError=navstart)), (0, _report()))
    assert result == _report()
    assert len(script.calls) == 3
    out = capsys.readouterr().out
    assert "exit status 1, no report); retrying (1/2)" in out
    assert "NO_NAVSTART: Chrome didn't collect a navStart event.); retrying (2/2)" in out


def test_a_low_score_is_a_result_not_a_retry(script, capsys):
    assert script((0, _report(performance=0.42)))["categories"]["performance"]["score"] == 0.42
    assert len(script.calls) == 1
    assert "retrying" not in capsys.readouterr().out


def test_three_aborts_give_no_score(script, capsys):
    unscored = _report()
    unscored["categories"]["seo"]["score"] = None
    assert script((1, None), (0, unscored), (1, None)) is None
    out = capsys.readouterr().out
    assert "no score for seo); retrying (2/2)" in out
    assert "exit status 1, no report) 3 times; no score" in out

"""The HTML report as a person sees it: rendered by a real headless browser.

The page is checked from the DOM the browser built (not only from the
HTML text): hostile names from the files stay text, nothing is fetched,
and the sections a manager reads are there at a desktop and a phone width.
Skipped, with the reason, where no Chromium can be found (`.ci/run`
installs Debian's package when it is missing).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from relcheck.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")

HOSTILE = """\
accounts:
  - name: "<script>document.title='pwned'</script>Evil & Co"
    owner: "<img src=x onerror=alert(1)>"
    contacts:
      - {name: "[red]Bob[/red] <b>bold</b>", goals: ["<iframe src=https://example.com>"]}
    deals: [{name: "</td></tr><tr><td>injected", status: won, opened: 2026-01-01, closed: 2026-02-01}]
    interactions:
      - {date: 2026-02-01, with: "[red]Bob[/red] <b>bold</b>", direction: inbound, purpose: other,
         notes: "<style>body{display:none}</style>"}
"""


def browser(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


def render(tmp_path: Path, source: str, *extra: str) -> Path:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(source)
    page = tmp_path / "report.html"
    done = CliRunner().invoke(app, ["audit", str(accounts), "--format", "html", "--as-of", "2026-11-23",
                                    "--output", str(page), *extra])
    assert done.exit_code in (0, 1), done.output
    return page


def test_the_page_is_self_contained_and_escapes_everything(tmp_path: Path) -> None:
    html = render(tmp_path, HOSTILE).read_text()
    assert "<script" not in html and "<iframe" not in html and "<img" not in html and "<style>body" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # No tag of the page points anywhere (escaped text from the files may say anything).
    assert not re.search(r"""<[a-zA-Z][^>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "the page loads nothing"
    assert "default-src 'none'" in html  # and the browser is told so


@needs_browser
def test_the_rendered_page_keeps_hostile_names_as_text(tmp_path: Path) -> None:
    page = render(tmp_path, HOSTILE)
    done = browser("--dump-dom", f"file://{page}", profile=tmp_path / "profile")
    dom = done.stdout
    assert "<title>relcheck: pipeline review" in dom  # the script did not retitle the page
    assert "<script" not in dom and "<iframe" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;Evil &amp; Co" in dom
    assert "[red]Bob[/red] &lt;b&gt;bold&lt;/b&gt;" in dom
    assert dom.count("<tr>") >= 2 and "injected</td>" not in dom


@needs_browser
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_example_reads_at_desktop_and_phone_width(tmp_path: Path, width: int) -> None:
    example = (Path(__file__).resolve().parents[1] / "accounts.example.yaml").read_text()
    page = render(tmp_path, example)
    dom = browser("--dump-dom", f"file://{page}", profile=tmp_path / "profile").stdout
    for section in ("What changed", "Overview", "Owners", "Next conversations", "Touches per month",
                    "Score breakdown", "Borealis Foods", "Ingrid Dahl"):
        if section == "What changed":
            assert section not in dom  # only with a baseline
            continue
        assert section in dom, section
    shot = tmp_path / "shot.png"
    browser(f"--window-size={width},1600", "--hide-scrollbars", f"--screenshot={shot}", f"file://{page}",
            profile=tmp_path / "profile2")
    assert shot.stat().st_size > 20_000  # a page was drawn, not a blank

#!/usr/bin/env bash
# The two jobs of README.md's quick start, each from a bare machine with Python and pip:
#   scripts/dev.sh site   set up .venv and build the example knowledge base's site into site/
#   scripts/dev.sh test   set up .venv, Debian's chromium, fonts and LibreOffice, then ruff, mypy
#                         and pytest
#   scripts/dev.sh bench  set up .venv and run the benchmark (scripts/bench.py, e.g. --scales S,M)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
APT_LOCK_WAIT=${APT_LOCK_WAIT:-600}  # seconds to wait for a package manager's lock
export PIP_DISABLE_PIP_VERSION_CHECK=1
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true

venv() {
    if [ ! -x .venv/bin/python ]; then
        "$PYTHON" -m venv .venv
    fi
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".$1"
}

wait_for_apt() {
    # Another apt or dpkg (unattended upgrades, a colleague's install) may hold the package
    # locks: wait for it, up to APT_LOCK_WAIT seconds, rather than fail.  DPkg::Lock::Timeout
    # covers dpkg's lock only, not apt-get update's lists lock, hence this look at both.
    # Without psmisc's fuser the loop ends at once and apt's own timeout is all there is.
    local sudo=$1 waited=0
    local locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock)
    while $sudo fuser "${locks[@]}" >/dev/null 2>&1; do
        if [ "$waited" -eq 0 ]; then
            echo "scripts/dev.sh: another package manager holds the apt/dpkg lock;" \
                "waiting up to ${APT_LOCK_WAIT}s" >&2
        fi
        if [ "$waited" -ge "$APT_LOCK_WAIT" ]; then
            echo "scripts/dev.sh: the apt/dpkg lock is still held after ${APT_LOCK_WAIT}s" >&2
            return 1
        fi
        sleep 5
        waited=$((waited + 5))
    done
}

browser() {
    # Playwright drives Debian's chromium (never a downloaded browser); the Noto fonts draw
    # Chinese and Arabic in screenshots.
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
    [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        wait_for_apt "$sudo"
        # the timeout covers a lock taken between the wait above and apt's own locking
        local apt=(apt-get -o "DPkg::Lock::Timeout=${APT_LOCK_WAIT}")
        $sudo "${apt[@]}" update -qq
        DEBIAN_FRONTEND=noninteractive $sudo "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null
    fi
}

documents() {
    # PDF export converts the .docx with LibreOffice headless; the tests also print the
    # compilation's .xlsx (with Calc) and read every exported document back with poppler's
    # pdftotext, pdffonts and pdftoppm.  Building the site needs neither.
    local missing=()
    command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
    # the compilation's .xlsx is printed by Calc, a package of its own
    dpkg-query -W -f='${Status}' libreoffice-calc-nogui 2>/dev/null | grep -q "ok installed" ||
        missing+=(libreoffice-calc-nogui)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

case "${1:-}" in
    site)
        venv ""
        .venv/bin/redraft build
        ;;
    bench)
        # issue 8's benchmark: synthetic knowledge bases at scales S, M, L; see docs/site.md
        venv "[bench]"
        .venv/bin/python scripts/bench.py "${@:2}"
        ;;
    test)
        venv "[test]"
        browser
        documents
        .venv/bin/ruff check src tests scripts
        .venv/bin/mypy
        .venv/bin/redraft check .
        # one worker per core (PYTEST_WORKERS=0 runs in one process); a file's tests stay on one
        # worker, so a module's shared build is made once; files go to the workers in the order
        # tests/conftest.py gives them, the slowest of the last run first
        .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" --dist loadfile \
            --no-loadscope-reorder "${@:2}"
        ;;
    *)
        echo "usage: scripts/dev.sh site | test [pytest arguments] | bench [bench.py arguments]" >&2
        exit 2
        ;;
esac

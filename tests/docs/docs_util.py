"""Shared helpers of the docs tests: where things are, and a Sphinx run on a scratch copy."""
import os
import shutil
import subprocess
import sys
import tempfile

SOURCE_DIR = os.environ.get("LOCKSPEC_SOURCE_DIR",
                            os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD_DIR = os.environ.get("LOCKSPEC_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
PYTHONPATH = os.path.join(BUILD_DIR, "python")
TESTS = os.path.join(SOURCE_DIR, "tests", "docs")
sys.path.insert(0, PYTHONPATH)


def scratch_site(spec_text=None, spec_path=None):
    """A copy of tests/docs/site in a temp dir, with the spec beside it; returns (dir, spec)."""
    tmp = tempfile.mkdtemp(prefix="lockspec-docs-")
    site = os.path.join(tmp, "site")
    shutil.copytree(os.path.join(TESTS, "site"), site)
    spec = os.path.join(tmp, "spec.rules")
    if spec_text is None:
        with open(spec_path or os.path.join(TESTS, "small.rules")) as f:
            spec_text = f.read()
    with open(spec, "w") as f:
        f.write(spec_text)
    return tmp, spec


def sphinx(srcdir, outdir, spec, builder="html", extra=()):
    """Runs Sphinx with -W -n on `srcdir`; returns the CompletedProcess (text output)."""
    env = dict(os.environ, LOCKSPEC_PYTHONPATH=PYTHONPATH, LOCKSPEC_SPEC=spec,
               LOCKSPEC_EXT_DIR=os.path.join(SOURCE_DIR, "docs", "_ext"))
    cmd = [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-b", builder,
           "-d", os.path.join(outdir, ".doctrees"), *extra, srcdir, outdir]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=110)

"""Check that `tacitus code` over the InSight Crime dev articles gives byte-identical output.

Runs `python -m tacitus code ../shared/data/news/insightcrime-train.jsonl` (JSONL output) with
this checkout's `src` first on the path, hashes the output with sha256 and compares it with the
digest stored in bench/news_digest.txt. A refactor must not change a byte of it.

    PYTHONPATH=src python bench/digest.py            # check (exit 1 on mismatch)
    PYTHONPATH=src python bench/digest.py --update   # store the current digest
    PYTHONPATH=src python bench/digest.py --save out.jsonl   # keep the output to diff
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news" / "insightcrime-train.jsonl"
DIGEST = Path(__file__).resolve().parent / "news_digest.txt"


def output_digest(path: Path, save: Path | None = None) -> tuple[str, int]:
    """Run the coder over `path` in one (niced) process; return the sha256 and size of its output
    (kept in `save` when given, to diff against an earlier run)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    command = ["nice", "-n", "5", sys.executable, "-m", "tacitus", "code", str(path)]
    run = subprocess.run(command, env=env, capture_output=True, check=False)
    if run.returncode not in (0, 1):  # 1 only means some record failed; that is part of the output
        sys.stderr.write(run.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"digest: tacitus code exited with {run.returncode}")
    if save is not None:
        save.write_bytes(run.stdout)
    return hashlib.sha256(run.stdout).hexdigest(), len(run.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the stored digest")
    parser.add_argument("--save", type=Path, help="also write the JSONL output to this file")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"digest: skipped, {NEWS.name} not found (needs ../shared/data)")
        return 0
    digest, size = output_digest(NEWS, args.save)
    if args.update:
        DIGEST.write_text(digest + "\n", encoding="utf-8")
        print(f"digest: stored {digest} ({size} bytes)")
        return 0
    stored = DIGEST.read_text(encoding="utf-8").strip() if DIGEST.exists() else ""
    if digest != stored:
        print(f"digest: MISMATCH, output {digest} ({size} bytes) != stored {stored or '(none)'}")
        return 1
    print(f"digest: identical ({digest}, {size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

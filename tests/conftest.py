from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def coder():
    """One coder (spaCy + lexicons) for the whole test session."""
    from tacitus.pipeline import default_coder

    return default_coder()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data (development data) is not present")
    return SHARED

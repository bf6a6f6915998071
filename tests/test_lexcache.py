"""The lexicon cache: built once, loaded after; a new key when a user file changes; warnings
of the build replayed on a cached load; an unwritable directory still gives the lexicons."""

from __future__ import annotations

import logging

from conftest import logged
from tacitus.actors.lexicon import load_lexicon
from tacitus.lexcache import cache_key, compiled

ACTORS = """\
ZORVANIAN_COAST_GUARD  [ZRVMIL]
+COAST GUARD OF ZORVANIA
KESTREL_ODUYA_
\t[ZRVGOV 20191301-20200101]
"""


def _build_counting(path, calls):
    def build():
        calls.append(1)
        return load_lexicon(actors=[path])

    return build


def test_second_load_comes_from_the_cache_and_equals_the_build(tmp_path):
    user = tmp_path / "mine.actors"
    user.write_text(ACTORS, encoding="utf-8")
    calls: list[int] = []
    first = compiled("lexicons", _build_counting(user, calls), [user], folder=tmp_path / "cache")
    second = compiled("lexicons", _build_counting(user, calls), [user], folder=tmp_path / "cache")
    assert calls == [1]
    assert list((tmp_path / "cache").glob("lexicons-*.pickle"))
    assert second.lookup("coast guard of zorvania") == first.lookup("coast guard of zorvania") != []
    assert second.phrases.keys() == first.phrases.keys()


def test_a_changed_user_file_is_a_new_build(tmp_path):
    user = tmp_path / "mine.actors"
    user.write_text(ACTORS, encoding="utf-8")
    before = cache_key("lexicons", [user])
    user.write_text(ACTORS.replace("ZORVANIA", "ZORVANIAN REPUBLIC"), encoding="utf-8")
    assert cache_key("lexicons", [user]) != before
    calls: list[int] = []
    lexicon = compiled("lexicons", _build_counting(user, calls), [user], folder=tmp_path / "cache")
    assert calls == [1] and lexicon.lookup("coast guard of zorvanian republic")


def test_warnings_of_the_build_are_logged_again_from_the_cache(tmp_path, caplog):
    user = tmp_path / "mine.actors"
    user.write_text(ACTORS, encoding="utf-8")
    logger = logging.getLogger("tacitus")
    logger.propagate, before = True, logger.propagate
    try:
        with caplog.at_level(logging.WARNING, logger="tacitus"):
            compiled("lexicons", lambda: load_lexicon(actors=[user]), [user], folder=tmp_path)
            fresh = logged(caplog)
            caplog.clear()
            compiled("lexicons", lambda: load_lexicon(actors=[user]), [user], folder=tmp_path)
            cached = logged(caplog)
    finally:
        logger.propagate = before
    assert fresh and cached == fresh


def test_an_unwritable_cache_builds_in_memory(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    lexicon = compiled("lexicons", load_lexicon, folder=blocked / "cache")
    assert lexicon.lookup("iran")


def test_the_matcher_from_cached_tokens_matches_what_the_lexicon_builds(coder, tmp_path):
    from tacitus.lexcache import cached_tokens

    text = ("Iranian police and the U.S. State Department said on Monday that Hamas and the "
            "United Nations Security Council had met the Colombian army's commander in Bogota.")
    doc = coder.nlp.make_doc(text)
    plain = sorted(coder.actors.matcher(coder.nlp)(doc))
    cold = cached_tokens(coder.nlp, coder.actors.matcher, folder=tmp_path)
    warm = cached_tokens(coder.nlp, coder.actors.matcher, folder=tmp_path)
    assert len(plain) >= 6
    assert sorted(cold(doc)) == sorted(warm(doc)) == plain
    assert len(list(tmp_path.glob("tokens-*.pickle"))) == 1

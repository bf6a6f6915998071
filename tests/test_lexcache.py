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


def test_the_cached_phrase_index_finds_what_the_lexicon_builds(coder, tmp_path):
    from tacitus.lexcache import cached_matcher

    text = ("Iranian police and the U.S. State Department said on Monday that Hamas and the "
            "United Nations Security Council had met the Colombian army's commander in Bogota.")
    doc = coder.nlp.make_doc(text)
    plain = coder.actors.matcher(coder.nlp)(doc)
    calls: list[int] = []

    def build(nlp):
        calls.append(1)
        return coder.actors.matcher(nlp)

    cold = cached_matcher(coder.nlp, build, folder=tmp_path)
    warm = cached_matcher(coder.nlp, build, folder=tmp_path)
    assert len(plain) >= 6 and calls == [1]
    assert cold(doc) == warm(doc) == plain
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 1


def test_the_phrase_index_is_built_again_for_a_changed_user_file(coder, tmp_path):
    from tacitus.lexcache import cached_matcher

    user = tmp_path / "mine.actors"
    user.write_text(ACTORS, encoding="utf-8")
    folder = tmp_path / "cache"
    first = cached_matcher(coder.nlp, load_lexicon(actors=[user]).matcher, [("actors", user)], folder)
    user.write_text(ACTORS.replace("ZORVANIA", "ZORVANIAN REPUBLIC"), encoding="utf-8")
    second = cached_matcher(coder.nlp, load_lexicon(actors=[user]).matcher, [("actors", user)], folder)
    doc = coder.nlp.make_doc("The Coast Guard of Zorvanian Republic left.")
    assert (1, 6) in [(start, end) for _, start, end in second(doc)]  # the whole name
    assert (1, 6) not in [(start, end) for _, start, end in first(doc)]
    assert len(list(folder.glob("phrases-*.pickle"))) == 2


def test_a_third_party_model_is_cached_by_its_file_and_version(tmp_path):
    from tacitus.lexcache import third_party

    model = tmp_path / "model.bin"
    model.write_bytes(b"weights v1")
    calls: list[int] = []

    def build():
        calls.append(1)
        return {"weights": model.read_bytes()}

    folder = tmp_path / "cache"
    assert third_party("m", build, model, "pkg 1.0", folder) == {"weights": b"weights v1"}
    assert third_party("m", build, model, "pkg 1.0", folder) == {"weights": b"weights v1"}
    assert calls == [1]
    third_party("m", build, model, "pkg 1.1", folder)  # another version of the package
    model.write_bytes(b"weights v2")
    assert third_party("m", build, model, "pkg 1.1", folder) == {"weights": b"weights v2"}
    assert calls == [1, 1, 1] and len(list(folder.glob("m-*.pickle"))) == 3


def test_the_language_model_from_the_cache_answers_as_the_fresh_one(tmp_path):
    from tacitus.language import _identifier

    fresh, cached = _identifier(tmp_path), _identifier.__wrapped__(tmp_path)
    assert fresh is not cached
    for text in ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.", "The minister met the envoy in Geneva on Monday."):
        assert cached.classify(text) == fresh.classify(text)


def test_a_damaged_cache_file_is_built_again_and_the_collector_stays_on(tmp_path):
    import gc

    user = tmp_path / "mine.actors"
    user.write_text(ACTORS, encoding="utf-8")
    folder = tmp_path / "cache"
    calls: list[int] = []
    compiled("lexicons", _build_counting(user, calls), [user], folder=folder)
    [stored] = folder.glob("lexicons-*.pickle")
    stored.write_bytes(stored.read_bytes()[:1000])  # cut short, as by a full disk
    lexicon = compiled("lexicons", _build_counting(user, calls), [user], folder=folder)
    assert calls == [1, 1] and lexicon.lookup("coast guard of zorvania")
    assert gc.isenabled()
    again = compiled("lexicons", _build_counting(user, calls), [user], folder=folder)
    assert calls == [1, 1] and again.lookup("coast guard of zorvania") == lexicon.lookup("coast guard of zorvania")
    assert gc.isenabled()

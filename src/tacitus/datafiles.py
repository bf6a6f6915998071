"""Reading the shipped data files (YAML) the same way everywhere.

YAML 1.1 reads `on`, `off`, `yes`, `no` as booleans, which would turn the preposition "on" or the
particle "off" of an event pattern into True/False. Our loader keeps only `true`/`false` as
booleans, so lexicon authors can write words as words.
"""

from __future__ import annotations

import re
from importlib import resources

import yaml

# libyaml's parser when PyYAML was built with it (about 5x faster on the lexicons); the
# resolvers below are Python-side either way, so both read a file the same.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_BASE):  # type: ignore[misc, valid-type]
    pass


DataLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(text: str) -> object:
    return yaml.load(text, Loader=DataLoader)


def read_data(name: str) -> str:
    """The text of a shipped data file, e.g. `read_data("patterns/04_consult.yaml")`."""
    return resources.files("tacitus").joinpath(f"data/{name}").read_text(encoding="utf-8")

"""tacitus: political event data from news text."""

from tacitus.model import Actor, ActorRef, Document, Event, Statement
from tacitus.pipeline import Coder, code_documents, code_text

__version__ = "0.1.0"
__all__ = ["Actor", "ActorRef", "Coder", "Document", "Event", "Statement", "code_documents", "code_text"]

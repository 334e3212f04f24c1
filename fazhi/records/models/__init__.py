"""The ledgers (台账): the shared ``Record`` and ``Attachment`` (``base``) and one model per kind.

Each kind's model is defined in its own module, ``fazhi.records.kinds.<slug>``, beside its
``RecordKind``. Django imports this package as the app's models module; the first import below
loads the kinds registry (``fazhi.records.kinds``), which imports every kind module and so
registers every model. The names are re-exported so that ``from fazhi.records.models import
StudySession`` works as before.

Field names here are the ones the indicator catalogue filters on.
"""

from ..kinds.case import Case
from ..kinds.decision import MajorDecision
from ..kinds.disclosure import DisclosureItem
from ..kinds.exam import Exam
from ..kinds.hearing import CourtHearing
from ..kinds.meeting import Meeting
from ..kinds.normdoc import NormativeDocument
from ..kinds.proposal import Proposal
from ..kinds.publicity import PublicityActivity
from ..kinds.request import DisclosureRequest
from ..kinds.review import LegalityReview
from ..kinds.rule import InternalRule
from ..kinds.study import StudySession
from ..kinds.training import Training
from .base import Attachment, Record, count_field
from .stamp import LedgerStamp

__all__ = [
    "Attachment",
    "LedgerStamp",
    "Case",
    "CourtHearing",
    "DisclosureItem",
    "DisclosureRequest",
    "Exam",
    "InternalRule",
    "LegalityReview",
    "MajorDecision",
    "Meeting",
    "NormativeDocument",
    "Proposal",
    "PublicityActivity",
    "Record",
    "StudySession",
    "Training",
    "count_field",
]

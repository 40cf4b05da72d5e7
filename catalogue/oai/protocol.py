"""OAI-PMH 2.0 requests read and checked: verbs, arguments, datestamps and resumption tokens.

Nothing here touches the database: a request's arguments become an :class:`OAIRequest` or an
:class:`OAIError` carrying the protocol's error code, and a list's position travels in an
opaque resumption token (:func:`encode_token`) holding the key of the last item sent, never an
offset.
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext as _

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
LISTS = ("ListIdentifiers", "ListRecords")
# verb: (required arguments, optional arguments, may be resumed with a token)
VERBS = {
    "Identify": (set(), set(), False),
    "ListMetadataFormats": (set(), {"identifier"}, False),
    "ListSets": (set(), set(), True),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), False),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, True),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, True),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")


class OAIError(Exception):
    """A protocol error: ``code`` is one of OAI-PMH's (``badArgument``…), the message says why."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class OAIRequest:
    """A valid request: its verb and arguments, ``from``/``until`` parsed (``end``: the first
    instant after the range); a resumed list's come from its token's state (``token``)."""

    verb: str
    arguments: dict = field(default_factory=dict)
    prefix: str = ""
    set_spec: str = ""
    start: datetime | None = None
    end: datetime | None = None
    token: dict | None = None


def parse_request(query):
    """The :class:`OAIRequest` of a request's arguments (``{name: [values]}``); raise
    :class:`OAIError` on a bad verb or a bad argument."""
    verbs = query.get("verb", [])
    if len(verbs) != 1:
        raise OAIError("badVerb", _("Thiếu tham số verb.") if not verbs
                       else _("Tham số verb bị lặp lại."))
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError("badVerb", _("Verb không hợp lệ: %(verb)s.") % {"verb": verb})
    required, optional, resumable = VERBS[verb]
    arguments = {}
    for name, values in query.items():
        if name == "verb":
            continue
        if name not in required | optional and not (resumable and name == "resumptionToken"):
            raise OAIError("badArgument", _("Tham số không hợp lệ cho %(verb)s: %(name)s.")
                           % {"verb": verb, "name": name})
        if len(values) != 1:
            raise OAIError("badArgument", _("Tham số %(name)s bị lặp lại.") % {"name": name})
        arguments[name] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", _(
                "resumptionToken phải là tham số duy nhất đi cùng verb."))
        state = decode_token(arguments["resumptionToken"], verb)
        return OAIRequest(verb, arguments, state["prefix"], state["set"], state["from"],
                          state["until"], token=state)
    if missing := sorted(required - set(arguments)):
        raise OAIError("badArgument", _("Thiếu tham số bắt buộc: %(names)s.")
                       % {"names": ", ".join(missing)})
    set_spec = arguments.get("set", "")
    if "set" in arguments and not _SET_SPEC.fullmatch(set_spec):
        raise OAIError("badArgument", _("Tên tập (set) không hợp lệ: %(set)s.") % {"set": set_spec})
    start, end = _range(arguments.get("from"), arguments.get("until"))
    return OAIRequest(verb, arguments, arguments.get("metadataPrefix", ""), set_spec, start, end)


def _range(start_text, until_text):
    start = parse_datestamp(start_text, "from") if start_text is not None else None
    end = parse_datestamp(until_text, "until") if until_text is not None else None
    if start_text is not None and until_text is not None:
        if len(start_text) != len(until_text):
            raise OAIError("badArgument", _("from và until phải cùng độ chi tiết thời gian."))
        if start > end:
            raise OAIError("badArgument", _("from sau until."))
    if end is not None:  # until is inclusive: the range ends after its day or second
        end += timedelta(days=1) if len(until_text) == 10 else timedelta(seconds=1)
    return start, end


def parse_datestamp(text, name="from"):
    """A UTC datetime of ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ssZ``; raise ``badArgument``."""
    pattern = _DAY if len(text) == 10 else _SECOND
    try:
        if not pattern.fullmatch(text):
            raise ValueError(text)
        parsed = datetime.strptime(text, "%Y-%m-%d" if len(text) == 10 else "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise OAIError("badArgument", _(
            "%(name)s không đúng định dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ: %(value)s."
        ) % {"name": name, "value": text}) from None
    return parsed.replace(tzinfo=UTC)


def datestamp(moment):
    """``YYYY-MM-DDThh:mm:ssZ`` of an aware datetime (in UTC, to the second)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode_token(state):
    """The resumption token carrying ``state`` (JSON, URL-safe base64, no padding)."""
    text = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


_TOKEN_KEYS = {"verb": str, "prefix": str, "set": str, "from": (str, type(None)),
               "until": (str, type(None)), "after": list, "cursor": int, "size": int}


def decode_token(token, verb):
    """The state :func:`encode_token` put in ``token``; ``badResumptionToken`` if it is not one
    of ours, or belongs to another verb."""
    try:
        state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        valid = isinstance(state, dict) and all(
            isinstance(state.get(key), kind) for key, kind in _TOKEN_KEYS.items())
        if valid:
            moment, kind, pk = state["after"]
            state["after"] = (datetime.fromisoformat(moment), int(kind), int(pk))
            for name in ("from", "until"):
                state[name] = state[name] and datetime.fromisoformat(state[name])
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        valid = False
    if not valid or state["verb"] != verb:
        raise OAIError("badResumptionToken", _(
            "resumptionToken không hợp lệ hoặc không dành cho %(verb)s.") % {"verb": verb})
    return state


def token_state(request, after, cursor, size):
    """The state of the token that continues ``request``'s list after the key ``after``."""
    return {
        "verb": request.verb, "prefix": request.prefix, "set": request.set_spec,
        "from": request.start and request.start.isoformat(),
        "until": request.end and request.end.isoformat(),
        "after": [after[0].isoformat(), after[1], after[2]], "cursor": cursor, "size": size,
    }

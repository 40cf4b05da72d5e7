"""SRU diagnostics (``info:srw/diagnostic/1/<code>``): what the server could not do, and why.

The messages are the protocol's own (the SRU diagnostics list, as YAZ prints them), like HTTP's
reason phrases; ``details`` says what was wrong in the request (an index name, a parameter).
"""

from catalogue.marc.marcxml import xml_chars

PREFIX = "info:srw/diagnostic/1/"
MESSAGES = {
    1: "General system error",
    2: "System temporarily unavailable",
    4: "Unsupported operation",
    5: "Unsupported version",
    6: "Unsupported parameter value",
    7: "Mandatory parameter not supplied",
    8: "Unsupported parameter",
    10: "Query syntax error",
    11: "Unsupported query type",
    12: "Too many characters in query",
    13: "Invalid or unsupported use of parentheses",
    15: "Unsupported context set",
    16: "Unsupported index",
    19: "Unsupported relation",
    20: "Unsupported relation modifier",
    22: "Unsupported combination of relation and index",
    23: "Too many characters in term",
    27: "Empty term unsupported",
    28: "Masking character not supported",
    29: "Masked words too short",
    31: "Anchoring character not supported",
    36: "Term in invalid format for index or relation",
    37: "Unsupported boolean operator",
    38: "Too many boolean operators in query",
    39: "Proximity not supported",
    46: "Unsupported boolean modifier",
    48: "Query feature unsupported",
    49: "Masking character in unsupported position",
    61: "First record position out of range",
    64: "Record temporarily unavailable",
    66: "Unknown schema for retrieval",
    71: "Unsupported record packing",
    72: "XPath retrieval unsupported",
    80: "Sort not supported",
    82: "Unsupported sort sequence",
    88: "Unsupported path for sort",
    90: "Unsupported direction value",
    110: "Stylesheets not supported",
}


class Diagnostic(Exception):
    """A request the server cannot answer: SRU diagnostic ``code`` with ``details``."""

    def __init__(self, code, details=""):
        super().__init__(f"{code} {MESSAGES.get(code, '')}: {details}")
        self.code = code
        self.details = xml_chars(str(details))  # it may quote the request

    @property
    def uri(self):
        return f"{PREFIX}{self.code}"

    @property
    def message(self):
        return MESSAGES.get(self.code, "")

"""Driving the admin's record and copy forms in tests: read a form as a browser would post it,
change it, post it, and read what came out (the MARC, the OPAC's answer)."""

import io
from html.parser import HTMLParser

from pymarc import parse_xml_to_array

from catalogue.opac.params import parse_params
from catalogue.opac.search import search

LIST = "/admin/library/record/"
CREATE = f"{LIST}create/"


class PostForm(HTMLParser):
    """The fields of a page's POST form, as a browser sends them (the inline panel's empty-form
    template left out)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.data, self.inside, self.textarea = {}, False, None
        self.select, self.first_option = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("method") or "").lower() == "post"
        name = attrs.get("name") or ""
        if not self.inside or "__prefix__" in name:
            return
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea, self.data[name] = name, ""
        elif tag == "select" and name:
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            self.data.setdefault(self.select, self.first_option or "")
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data.removeprefix("\n") if not self.data[
                self.textarea] else data


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return PostForm(response.content.decode()).data


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def add_holding(data, **holding):
    """Add a row to the inline holdings, as the panel's "add" button does."""
    index = int(data["holdings-TOTAL_FORMS"])
    data["holdings-TOTAL_FORMS"] = str(index + 1)
    row = {"id": "", "DELETE": "", "barcode": "", "branch": "", "location": "",
           "call_number": "", "status": "available", "due_date": ""} | holding
    data.update({f"holdings-{index}-{name}": value for name, value in row.items()})


def row_of(data, barcode):
    return next(key.split("-")[1] for key, value in data.items()
                if key.endswith("-barcode") and value == barcode)


def saved(client, url, data, capture):
    """POST the form and run what waits for the commit (the index update)."""
    with capture(execute=True):
        response = client.post(url, data)
    return response


def marc_of(xml):
    records = parse_xml_to_array(io.BytesIO(xml.encode()))
    assert len(records) == 1
    return records[0]


def found(refresh, **query):
    refresh()
    result = search(parse_params(query))
    assert not result.fallback
    return {hit.title for hit in result.hits}

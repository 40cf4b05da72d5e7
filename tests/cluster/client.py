"""A small HTTP client for the cluster tests: cookies kept by hand (the production settings
mark them Secure, which no cookie jar sends over the tests' plain HTTP), forms with their CSRF
token, multipart uploads, a chosen instance (``X-App-Server``) and a chosen source address."""

import http.client
import re
import secrets
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode, urlsplit


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def server(self):
        """The instance HAProxy chose (``app1``, ``app2``)."""
        return self.headers.get("X-App-Server")

    @property
    def text(self):
        return self.body.decode(errors="replace")


@dataclass
class Client:
    """One reader or librarian: its cookies, its address (``127.0.0.x``) and user agent."""

    base: str
    address: str = "127.0.0.1"
    agent: str = "cluster-tests"
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, body=b"", headers=None, server=None, timeout=60):
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout,
                                                source_address=(self.address, 0))
        headers = {"User-Agent": self.agent, "Host": parts.netloc, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if server:
            headers["X-App-Server"] = server
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip().strip('"')
        return answer

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, fields, files=None, server=None, headers=None):
        """POST ``fields`` (and ``files``: ``{name: (filename, bytes)}``) as a form would, with
        the CSRF token of the cookie."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        headers = {"Referer": self.base + path, "Origin": self.base, **(headers or {})}
        if not files:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            boundary = secrets.token_hex(12)
            parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode() for name, value in fields.items()]
            parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                      f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                      .encode() + content + b"\r\n"
                      for name, (filename, content) in files.items()]
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body=body, headers=headers, server=server)

    def log_in(self, username, password, server):
        """Log in to the admin through ``server``; return the answer (302 when it worked)."""
        self.get("/admin/login/", server=server)
        return self.post("/admin/login/", {"username": username, "password": password},
                         server=server)


def attribute_values(html, tag, attribute):
    """Every value of ``attribute`` on ``tag`` elements of ``html``."""
    pattern = rf'<{tag}\b[^>]*\b{attribute}="([^"]*)"'
    return [unescape(value) for value in re.findall(pattern, html)]

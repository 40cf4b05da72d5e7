"""What a record page carries for reference managers and search engines (see
:mod:`catalogue.citation`): ``{% citation_head record %}`` in the page's head (the unAPI server,
the schema.org JSON-LD), ``{% citation_marks record %}`` in its body (the unAPI id, COinS)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from catalogue.citation.coins import context_object
from catalogue.citation.jsonld import description, script
from catalogue.citation.unapi import unapi_id
from catalogue.opac.api import cover_address

register = template.Library()


@register.simple_tag(takes_context=True)
def citation_head(context, record):
    """``<link rel="unapi-server">`` and the JSON-LD ``<script>``."""
    request = context["request"]
    site = Site.find_for_request(request)
    data = description(record, request.build_absolute_uri(record.get_absolute_url()),
                       cover_address(request, record), site.site_name if site else "")
    return format_html(
        '<link rel="unapi-server" type="application/xml" title="unAPI" href="{}">\n'
        '  <script type="application/ld+json">{}</script>',
        reverse("unapi"), mark_safe(script(data)),
    )


@register.simple_tag(takes_context=True)
def citation_marks(context, record):
    """The unAPI id (``abbr.unapi-id``) and the COinS span (``span.Z3988``)."""
    url = context["request"].build_absolute_uri(record.get_absolute_url())
    return format_html('<abbr class="unapi-id" title="{}"></abbr>'
                       '<span class="Z3988" title="{}"></span>',
                       unapi_id(record), context_object(record, url))

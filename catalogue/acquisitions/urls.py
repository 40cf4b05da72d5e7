"""Under ``/opac/``: the list page and its feeds."""

from django.urls import path

from catalogue.acquisitions import views

app_name = "acquisitions"
urlpatterns = [
    path("new/", views.new_acquisitions, name="list"),
    path("new.atom", views.new_atom, name="atom"),
    path("new.rss", views.new_rss, name="rss"),
]

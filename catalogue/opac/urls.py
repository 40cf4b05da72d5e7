from django.urls import path

from catalogue.acquisitions import views as acquisitions
from catalogue.opac import views

app_name = "opac"
urlpatterns = [
    path("", views.opac_search, name="search"),
    path("new/", acquisitions.new_acquisitions, name="new"),
    path("new.atom", acquisitions.new_atom, name="new-atom"),
    path("new.rss", acquisitions.new_rss, name="new-rss"),
    path("record/<int:pk>/", views.record_detail, name="record"),
    path("record/<int:pk>/marcxml/", views.record_marcxml, name="record-marcxml"),
    path("record/<int:pk>/ris/", views.record_ris, name="record-ris"),
    path("record/<int:pk>/bibtex/", views.record_bibtex, name="record-bibtex"),
]

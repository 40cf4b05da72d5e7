from django.urls import path

from catalogue.opac import views

app_name = "opac"
urlpatterns = [
    path("", views.opac_search, name="search"),
    path("record/<int:pk>/", views.record_detail, name="record"),
    path("record/<int:pk>/marcxml/", views.record_marcxml, name="record-marcxml"),
    path("record/<int:pk>/ris/", views.record_ris, name="record-ris"),
    path("record/<int:pk>/bibtex/", views.record_bibtex, name="record-bibtex"),
]

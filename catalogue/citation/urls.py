from django.urls import path

from catalogue.citation import unapi

urlpatterns = [path("", unapi.unapi, name="unapi")]

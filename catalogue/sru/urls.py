from django.urls import path

from catalogue.sru import views

urlpatterns = [path("", views.sru, name="sru")]

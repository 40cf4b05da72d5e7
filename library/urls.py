from django.urls import path

from library import views

urlpatterns = [path("", views.hours_page, name="hours")]

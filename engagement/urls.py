"""The portal's vote form endpoint."""

from django.urls import path

from engagement import views

app_name = "engagement"
urlpatterns = [path("<int:poll_id>/", views.vote, name="vote")]

from django.urls import path

from zhaoshang.leads import views
from zhaoshang.records import trash_views

app_name = "leads"
urlpatterns = [
    path("", views.lead_list, name="list"),
    path("new/", views.lead_create, name="create"),
    path("<int:pk>/", views.lead_detail, name="detail"),
    path("<int:pk>/edit/", views.lead_edit, name="edit"),
    path("<int:pk>/visit/", views.lead_visit, name="visit"),
    path("<int:pk>/convert/", views.lead_convert, name="convert"),
    path("<int:pk>/delete/", trash_views.delete, {"kind": "lead"}, name="delete"),
]

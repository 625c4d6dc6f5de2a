from django.urls import path

from zhaoshang.projects import views
from zhaoshang.records import trash_views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/stage/", views.project_stage, name="stage"),
    path("<int:pk>/delete/", trash_views.delete, {"kind": "project"}, name="delete"),
]

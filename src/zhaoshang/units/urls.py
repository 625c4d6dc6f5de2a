from django.urls import path

from zhaoshang.records import trash_views
from zhaoshang.units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("export.xlsx", views.unit_export, name="export"),
    path("new/", views.unit_create, name="create"),
    path("mine/", views.unit_mine, name="mine"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/delete/", trash_views.delete, {"kind": "unit"}, name="delete"),
]

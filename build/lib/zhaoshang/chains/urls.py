from django.urls import path

from zhaoshang.chains import views
from zhaoshang.records import trash_views

app_name = "chains"
urlpatterns = [
    path("<slug:key>/", views.chain_map_view, name="map"),
    path("members/<int:pk>/delete/", trash_views.delete, {"kind": "member"}, name="member_delete"),
]

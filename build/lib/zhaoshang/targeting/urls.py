from django.urls import path

from zhaoshang.targeting import views

app_name = "targeting"
urlpatterns = [
    path("", views.targeting_view, name="page"),
    path("export.xlsx", views.targeting_export, name="export"),
    path("add-lead/", views.add_lead, name="add_lead"),
]

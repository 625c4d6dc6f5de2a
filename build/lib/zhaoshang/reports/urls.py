from django.urls import path

from zhaoshang.reports import views

app_name = "reports"
urlpatterns = [
    path("briefing/", views.briefing_page, name="briefing"),
    path("briefing/download/", views.briefing_download, name="download"),
]

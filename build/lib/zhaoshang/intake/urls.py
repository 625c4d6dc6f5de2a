from django.urls import path

from zhaoshang.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/review/", views.fact_review, name="review"),
    path("<int:pk>/accept-all/", views.document_accept_all, name="accept_all"),
    path("<int:pk>/lead/", views.document_to_lead, name="lead"),
    path("<int:pk>/draft/", views.fact_to_project, name="draft"),
]

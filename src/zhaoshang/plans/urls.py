from django.urls import path

from zhaoshang.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.node_list, name="list"),
    path("export/", views.node_list_export, name="list_export"),
    path("project/<int:pk>/", views.project_plan, name="project"),
    path("project/<int:pk>/create/", views.plan_create, name="create"),
    path("project/<int:pk>/export/", views.plan_export, name="export"),
    path("node/<int:pk>/complete/", views.node_complete, name="complete"),
    path("node/<int:pk>/delay/", views.node_delay, name="delay"),
    path("node/<int:pk>/assign/", views.node_assign, name="assign"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template"),
]

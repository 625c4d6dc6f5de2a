from django.urls import path

from zhaoshang.chains import views

app_name = "chains"
urlpatterns = [path("<slug:key>/", views.chain_map_view, name="map")]

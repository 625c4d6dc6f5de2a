"""The project's URLs plus one view that fails, to see the 500 page a user would get."""

from django.urls import path

from zhaoshang.urls import urlpatterns as project_urls


def crash(request):
    raise RuntimeError("secret internals: password=hunter2")


urlpatterns = [path("crash/", crash), *project_urls]

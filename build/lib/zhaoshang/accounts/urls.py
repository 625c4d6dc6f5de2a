from django.urls import path

from zhaoshang.accounts import security_views, views

app_name = "accounts"
urlpatterns = [
    path("permissions/", views.permission_matrix, name="permissions"),
    path("permissions/matrix.xlsx", views.permission_matrix_xlsx, name="permissions_xlsx"),
    path("permissions/matrix.csv", views.permission_matrix_csv, name="permissions_csv"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("password/", security_views.password_change, name="password_change"),
    path("logins/", security_views.login_log, name="login_log"),
    path("logins/log.xlsx", security_views.login_log_xlsx, name="login_log_xlsx"),
]

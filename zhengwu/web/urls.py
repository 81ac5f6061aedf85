from django.contrib.auth import views as auth_views
from django.urls import path

from zhengwu.web import views

app_name = "web"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.workbench, name="workbench"),
    path("absences/<int:pk>/", views.absence_detail, name="absence"),
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from exercises.api import views

# Path converters, not regexes: a malformed id never reaches a view.
router = SimpleRouter(use_regex_path=False)
router.register("exercises", views.ExerciseViewSet, basename="exercise")
router.register("routines", views.RoutineViewSet, basename="routine")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("logs", views.LogViewSet, basename="log")

urlpatterns = [
    path("library/safety/", views.SafetyView.as_view(), name="safety"),
    *router.urls,
]

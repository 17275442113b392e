"""Role checks shared by every API view (tracker's own and care's).

A role refusal is about the caller, not about anyone's data: 403.
"""

from rest_framework.permissions import BasePermission

from tracker.models import Role


class IsTherapist(BasePermission):
    message = "Only therapists can do this."

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.role == Role.THERAPIST


class IsPatient(BasePermission):
    message = "Only patients can do this."

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.role == Role.PATIENT

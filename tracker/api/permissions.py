"""Role checks shared by every API view (tracker's own and care's).

A role refusal is about the caller, not about anyone's data: 403.
"""

from rest_framework.permissions import BasePermission

from tracker.api.errors import SecondFactorRequired
from tracker.mfa import second_factor_missing
from tracker.models import Role


class SecondFactorForTherapists(BasePermission):
    """A therapist without a second factor is refused (403, code mfa_required).

    In DEFAULT_PERMISSION_CLASSES, so every care endpoint that shows patient
    data has it, and a new endpoint has it unless it opts out; the few a
    therapist needs before set-up (me/, logout, the MFA set-up itself) list
    their permissions without it. Patients pass: for them it is optional.
    """

    def has_permission(self, request, view) -> bool:
        if second_factor_missing(request.user):
            raise SecondFactorRequired()
        return True


class IsTherapist(BasePermission):
    message = "Only therapists can do this."

    def has_permission(self, request, view) -> bool:
        if not (request.user.is_authenticated and request.user.role == Role.THERAPIST):
            return False
        return SecondFactorForTherapists().has_permission(request, view)


class IsPatient(BasePermission):
    message = "Only patients can do this."

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.role == Role.PATIENT

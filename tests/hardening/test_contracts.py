"""Contracts with the Wagtail and django-csp internals that the hardening wraps.
Each fails loudly when an upgrade changes what the wrapper relies on."""

import inspect

import pytest
from csp.middleware import CSPMiddleware
from wagtail.admin.views.pages.edit import EditView
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import get_image_form
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from portal.images import PortalImageForm, SafeImageField


def test_wagtail_image_field_still_decodes_in_check_image_pixel_size():
    # portal.images.SafeImageField overrides this step to catch decoding errors.
    source = inspect.getsource(WagtailImageField.to_python)
    assert "self.check_image_pixel_size(f)" in source
    assert "f.image.get_size()" in inspect.getsource(WagtailImageField.check_image_pixel_size)


@pytest.mark.django_db
def test_every_admin_image_form_is_built_on_ours():
    form = get_image_form(get_image_model())
    assert issubclass(form, PortalImageForm)
    assert isinstance(form(user=None).fields["file"], SafeImageField)


def test_wagtail_sendfile_still_writes_a_literal_none_encoding(tmp_path, rf):
    # portal.media.serve_document removes it. When this fails, Wagtail has fixed
    # its sendfile helper and the removal can go.
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF")
    response = sendfile(
        rf.get("/"),
        str(path),
        mimetype="application/pdf",
        backend=sendfile_streaming_backend.sendfile,  # as wagtail.documents.views.serve passes it
    )
    assert response["Content-Encoding"] == "None"


def test_wagtail_still_reads_revision_zero_as_not_reverting():
    # portal/urls.py answers 404 for /admin/pages/<id>/revisions/0/revert/ before Wagtail.
    assert "bool(self.revision_id)" in inspect.getsource(EditView.dispatch)


def test_django_csp_still_offers_get_policy_parts():
    # portal.middleware.ContentSecurityPolicyMiddleware gives the admin its own policy there.
    parameters = inspect.signature(CSPMiddleware.get_policy_parts).parameters
    assert list(parameters)[:3] == ["self", "request", "response"]

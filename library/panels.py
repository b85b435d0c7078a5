"""An admin panel that shows, on each file row of a publication, what text
extraction made of the file: so an unreadable file or a scan gets a clear note."""

from wagtail.admin.panels import Panel


class ExtractionStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "library/admin/extraction_status.html"

        def get_context_data(self, parent_context=None):
            from library.models import DocumentText

            context = super().get_context_data(parent_context)
            document_id = getattr(self.instance, "document_id", None)
            context["record"] = (
                DocumentText.objects.filter(document_id=document_id).first()
                if document_id
                else None
            )
            return context

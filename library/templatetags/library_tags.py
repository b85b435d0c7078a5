from django import template

register = template.Library()


@register.filter
def snippet_for(snippets, item):
    """The search snippet of a listed publication, if the search found one."""
    if not snippets:
        return None
    return snippets.get(item.pk)

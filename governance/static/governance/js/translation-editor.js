/*
 * wagtail-localize's translation editor takes its main action from the last button it
 * builds: "Publish in <language>", shown only to those who may publish. Here that button
 * never publishes: governance.permissions.intercept_translation_publish sends it to the
 * country review. For a translator, who may edit but not publish, this script (loaded
 * before the editor, see governance/templates/wagtail_localize/admin/edit_translation.html)
 * shows that button as "Submit translation for review" and makes it the main action.
 * Contract: tests/governance/test_contracts.py.
 */
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script || script.dataset.submitForReview !== "true") {
        return;
    }
    var label = script.dataset.label;

    function relabel(gettext) {
        return function (msgid) {
            if (msgid === "Publish in ") {
                return label;
            }
            return gettext.apply(this, arguments);
        };
    }

    // Django's JavaScript catalogue assigns window.gettext after this script runs; the
    // editor reads it when it loads. Wrap whatever is assigned.
    var current = typeof window.gettext === "function" ? relabel(window.gettext) : undefined;
    Object.defineProperty(window, "gettext", {
        configurable: true,
        get: function () {
            return current;
        },
        set: function (fn) {
            current = relabel(fn);
        },
    });

    // Runs before the editor's own DOMContentLoaded listener, which reads these props.
    document.addEventListener("DOMContentLoaded", function () {
        var editor = document.querySelector(".js-translation-editor");
        if (!editor || !editor.dataset.props) {
            return;
        }
        var props = JSON.parse(editor.dataset.props);
        props.perms.canPublish = true;
        props.perms.canUnpublish = false;
        editor.dataset.props = JSON.stringify(props);
    });
})();

// With the validation scripts (Pages/Shared/_ValidationScripts.cshtml): errors found in the browser behave as the
// server's do. The field points at its error (aria-describedby), and on a refused submit the FIRST invalid field
// takes the focus (jquery-validation's own choice is the last one typed in). Loaded before the unobtrusive script,
// which creates the validators with these defaults.
(function ($) {
    "use strict";
    if (!$ || !$.validator) {
        return;
    }

    function errorOf(element) {
        var form = element.form;
        if (!form || !element.name) {
            return null;
        }
        var spans = form.querySelectorAll("[data-valmsg-for]");
        for (var i = 0; i < spans.length; i++) {
            if (spans[i].getAttribute("data-valmsg-for") === element.name && spans[i].id) {
                return spans[i].id;
            }
        }
        return null;
    }

    function describe(element, on) {
        var id = errorOf(element);
        if (!id) {
            return;
        }
        var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
        if (on) {
            ids.unshift(id);
        }
        if (ids.length) {
            element.setAttribute("aria-describedby", ids.join(" "));
        } else {
            element.removeAttribute("aria-describedby");
        }
    }

    var highlight = $.validator.defaults.highlight;
    var unhighlight = $.validator.defaults.unhighlight;
    $.validator.setDefaults({
        focusInvalid: false,
        highlight: function (element, errorClass, validClass) {
            highlight.call(this, element, errorClass, validClass);
            describe(element, true);
        },
        unhighlight: function (element, errorClass, validClass) {
            unhighlight.call(this, element, errorClass, validClass);
            describe(element, false);
        }
    });

    $(function () {
        $("form").on("invalid-form.validate", function (event, validator) {
            var first = validator.errorList.length ? validator.errorList[0].element : null;
            if (first) {
                // After the errors are written, so a screen reader reads the field with its error.
                window.setTimeout(function () { first.focus(); }, 0);
            }
        });
    });
})(window.jQuery);

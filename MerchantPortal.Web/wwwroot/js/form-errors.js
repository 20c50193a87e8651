// With the validation scripts (Pages/Shared/_ValidationScripts.cshtml): errors found in the browser behave as the
// server's do. On a refused submit the FIRST invalid field takes the focus (jquery-validation's own choice is the
// last one typed in). The field is marked aria-invalid while wrong; jquery-validation points aria-describedby at the
// message it writes ({id}-error) inside the server's error span, so the server's span id ({id}-field-error) is then
// dropped from aria-describedby and the message is not read twice. Loaded before the unobtrusive script, which creates the
// validators with these defaults.
(function ($) {
    "use strict";
    if (!$ || !$.validator) {
        return;
    }

    function dropServerError(element) {
        var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/)
            .filter(function (id) { return id && !/-field-error$/.test(id); });
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
            element.setAttribute("aria-invalid", "true");
            dropServerError(element);
        },
        unhighlight: function (element, errorClass, validClass) {
            unhighlight.call(this, element, errorClass, validClass);
            element.removeAttribute("aria-invalid");
        }
    });

    $(function () {
        $("form").on("invalid-form.validate", function (event, validator) {
            var first = validator.errorList.length ? validator.errorList[0].element : null;
            if (first) {
                // After the messages are written, so a screen reader reads the field with its error.
                window.setTimeout(function () { first.focus(); }, 0);
            }
        });
    });
})(window.jQuery);

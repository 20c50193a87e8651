// Buttons marked data-copy="#selector" copy that input's or element's text to the clipboard.
// A button marked hidden is one that would do nothing without this script; it shows once the script runs.
document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
        var target = document.querySelector(button.getAttribute("data-copy"));
        if (!target) { return; }
        var text = "value" in target ? target.value : target.textContent;
        if ("select" in target) { target.select(); }
        var done = function () { button.textContent = "Copied"; };
        if (navigator.clipboard) {
            navigator.clipboard.writeText(text).then(done);
        } else if ("select" in target) {
            document.execCommand("copy");
            done();
        }
    });
});

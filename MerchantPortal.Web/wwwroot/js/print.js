// Buttons marked data-print open the browser's print dialog (the poster page).
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
});

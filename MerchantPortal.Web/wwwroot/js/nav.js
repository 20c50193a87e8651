// The header's menus are <details> and work without script; this only makes them behave like menus:
// opening one closes the others, and a click elsewhere or Escape closes them.
(function () {
    var menus = Array.prototype.slice.call(document.querySelectorAll("header.top details"));
    var closeAll = function (except) {
        menus.forEach(function (menu) {
            if (menu !== except && !menu.contains(except)) { menu.removeAttribute("open"); }
        });
    };
    menus.forEach(function (menu) {
        menu.addEventListener("toggle", function () { if (menu.open) { closeAll(menu); } });
    });
    document.addEventListener("click", function (event) {
        if (!event.target.closest || !event.target.closest("header.top details")) { closeAll(null); }
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { closeAll(null); }
    });
})();

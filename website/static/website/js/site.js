// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    document.addEventListener("DOMContentLoaded", function () {
        var toggle = document.querySelector(".nav-toggle");
        var nav = document.getElementById("site-nav");
        if (!toggle || !nav) {
            return;
        }
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") !== "true";
            toggle.setAttribute("aria-expanded", String(open));
            nav.classList.toggle("is-open", open);
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && nav.classList.contains("is-open")) {
                toggle.setAttribute("aria-expanded", "false");
                nav.classList.remove("is-open");
                toggle.focus();
            }
        });
    });
})();

// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // The menu button is a link to #site-nav that opens the menu without JavaScript (CSS
    // :target). Here it becomes a button that folds the menu in and out.
    function setUpMenu() {
        var toggle = document.querySelector(".nav-toggle");
        var nav = document.getElementById("site-nav");
        if (!toggle || !nav) {
            return;
        }
        function setOpen(open) {
            toggle.setAttribute("aria-expanded", String(open));
            nav.classList.toggle("is-open", open);
        }
        toggle.setAttribute("role", "button");
        // Opened by its address (#site-nav) before this ran: keep it open, as a button's state.
        if (location.hash === "#site-nav") {
            history.replaceState(null, "", location.pathname + location.search);
            setOpen(true);
        } else {
            setOpen(false);
        }
        toggle.addEventListener("click", function (event) {
            event.preventDefault();
            setOpen(toggle.getAttribute("aria-expanded") !== "true");
        });
        // A button also answers the space bar (a link only Enter).
        toggle.addEventListener("keydown", function (event) {
            if (event.key === " ") {
                event.preventDefault();
                toggle.click();
            }
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && nav.classList.contains("is-open")) {
                setOpen(false);
                toggle.focus();
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpMenu);
    } else {
        setUpMenu();
    }
})();

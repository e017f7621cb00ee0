// "Cite this article": a button that copies the reference. Progressive enhancement only: the
// reference is selectable text without this file, and the button stays hidden.
(function () {
    "use strict";

    function announce(button, text) {
        var status = button.parentNode.querySelector(".cite-box__status");
        if (status) {
            status.textContent = text;
        }
    }

    function selectText(element) {
        var range = document.createRange();
        range.selectNodeContents(element);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    document.addEventListener("DOMContentLoaded", function () {
        if (!navigator.clipboard || !window.isSecureContext) {
            return;
        }
        document.querySelectorAll("[data-copy-target]").forEach(function (button) {
            var target = document.getElementById(button.getAttribute("data-copy-target"));
            if (!target) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                var text = target.textContent.replace(/\s+/g, " ").trim();
                navigator.clipboard.writeText(text).then(
                    function () {
                        announce(button, button.getAttribute("data-copied"));
                    },
                    function () {
                        selectText(target);
                        announce(button, button.getAttribute("data-failed"));
                    }
                );
            });
        });
    });
})();

// Suggestions for the dictionary search box, as an ARIA 1.2 combobox with a listbox popup.
// Progressive enhancement: without this script the form submits to the search page, which
// finds the same entries.
(function () {
    "use strict";

    var DELAY_MS = 150;
    var MIN_LENGTH = 2;

    function setup(form) {
        var input = form.querySelector("input[type=search]");
        var url = form.getAttribute("data-suggest-url");
        if (!input || !url || !window.fetch || !window.AbortController) {
            return;
        }
        var list = document.createElement("ul");
        list.id = input.id + "-suggestions";
        list.className = "suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "");
        list.hidden = true;
        input.parentNode.appendChild(list);

        var status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);

        var timer = null;
        var request = null;
        var options = [];
        var active = -1;

        function close() {
            list.hidden = true;
            list.textContent = "";
            options = [];
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function select(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", String(i === index));
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({block: "nearest"});
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        // Text in another language than the page's says so, for screen readers' voices.
        function markLanguage(element, language) {
            if (language && language !== document.documentElement.lang) {
                element.lang = language;
            }
        }

        function show(items) {
            close();
            if (!items.length) {
                status.textContent = form.getAttribute("data-suggest-none") || "";
                return;
            }
            items.forEach(function (item, i) {
                var option = document.createElement("li");
                option.id = list.id + "-" + i;
                option.className = "suggestions__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-url", item.url);
                var label = document.createElement("span");
                label.textContent = item.label;
                markLanguage(label, item.label_lang);
                option.appendChild(label);
                if (item.detail) {
                    var detail = document.createElement("span");
                    detail.className = "suggestions__detail";
                    detail.appendChild(document.createTextNode("— "));
                    var detailText = document.createElement("span");
                    detailText.textContent = item.detail;
                    markLanguage(detailText, item.detail_lang);
                    detail.appendChild(detailText);
                    option.appendChild(document.createTextNode(" "));
                    option.appendChild(detail);
                }
                list.appendChild(option);
                options.push(option);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            status.textContent = (form.getAttribute("data-suggest-count") || "{count}")
                .replace("{count}", String(items.length));
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (request) {
                request.abort();
            }
            if (query.length < MIN_LENGTH) {
                close();
                return;
            }
            request = new AbortController();
            fetch(url + "?q=" + encodeURIComponent(query), {
                signal: request.signal,
                headers: {"Accept": "application/json"}
            })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (items) {
                    if (input.value.trim() === query) {
                        show(Array.isArray(items) ? items : []);
                    }
                })
                .catch(function () { /* aborted or offline: the form still submits */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown" && options.length) {
                event.preventDefault();
                select(active < options.length - 1 ? active + 1 : 0);
            } else if (event.key === "ArrowUp" && options.length) {
                event.preventDefault();
                select(active > 0 ? active - 1 : options.length - 1);
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                window.location.assign(options[active].getAttribute("data-url"));
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault();
                close();
            }
        });

        // mousedown would move the focus away before the click is handled.
        list.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        list.addEventListener("click", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) {
                window.location.assign(option.getAttribute("data-url"));
            }
        });
        input.addEventListener("blur", close);
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("form[data-suggest-url]"), setup);
    });
})();

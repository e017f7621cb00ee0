// Progressive enhancement: chapter times become buttons that play the recording from there.
// Without this file the chapters are a plain list and the player works as the browser's own.
(function () {
    "use strict";

    document.addEventListener("DOMContentLoaded", function () {
        var audio = document.getElementById("episode-audio");
        var list = document.querySelector(".podcast-chapters[data-seek-label]");
        if (!audio || !list) {
            return;
        }
        var label = list.dataset.seekLabel;
        var chapters = list.querySelectorAll("li[data-start]");
        chapters.forEach(function (item) {
            var time = item.querySelector("time");
            var title = item.querySelector(".podcast-chapters__title");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "podcast-chapters__seek";
            button.setAttribute(
                "aria-label",
                label + " " + time.textContent + ": " + title.textContent.trim()
            );
            button.addEventListener("click", function () {
                audio.currentTime = Number(item.dataset.start);
                var playing = audio.play();
                if (playing && playing.catch) {
                    playing.catch(function () {});  // autoplay refused: the position is still set
                }
            });
            item.insertBefore(button, time);
            button.appendChild(time);
        });
    });
})();

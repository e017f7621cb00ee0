/*
 * wagtail-localize's translation editor (a React application) writes two strings in English
 * whatever the admin's language: the hidden "More actions" label of its action menu and the
 * "<source> to <target> translation" heading. The page gives their translation in this
 * script's data attributes; the text is replaced as the application renders it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var editor = document.querySelector(".js-translation-editor");
  if (!script || !editor) {
    return;
  }
  var replacements = [
    ["More actions", script.dataset.moreActions],
    [script.dataset.headingFrom, script.dataset.headingTo],
  ];

  function translate() {
    var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      for (var i = 0; i < replacements.length; i++) {
        if (replacements[i][1] && node.nodeValue.trim() === replacements[i][0]) {
          node.nodeValue = replacements[i][1];
        }
      }
    }
    editor.querySelectorAll("[title]").forEach(function (element) {
      for (var i = 0; i < replacements.length; i++) {
        if (replacements[i][1] && element.getAttribute("title") === replacements[i][0]) {
          element.setAttribute("title", replacements[i][1]);
        }
      }
    });
  }

  new MutationObserver(translate).observe(editor, { childList: true, subtree: true });
  translate();
})();

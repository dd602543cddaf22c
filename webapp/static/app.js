// Small conveniences on top of pages that work without script.
"use strict";

// "/" jumps to the search box, as on most search sites.
document.addEventListener("keydown", (event) => {
  const box = document.getElementById("q");
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && box && !typing && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

// Changing the sort order runs the search again.
for (const select of document.querySelectorAll("select.autosubmit")) {
  select.addEventListener("change", () => select.form.requestSubmit());
}

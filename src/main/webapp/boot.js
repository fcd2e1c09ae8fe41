// A classic script, run before the page's modules: how the page says that Cutout cannot start (app.js uses it too),
// and why where modules cannot run at all. From a page opened as a file (file://) browsers load no module and fetch
// nothing, so the page would stay on "Starting Cutout…".

/** A sentence of boot-texts.js in the reader's language (English if theirs is not there); null without the file. */
self.cutoutBootText = (key) => {
  const texts = self.cutoutBootTexts;
  if (!texts) {
    return null;
  }
  const lang = (navigator.languages || [navigator.language || "en"]).map((tag) => tag.slice(0, 2).toLowerCase())
    .find((tag) => texts[tag]) || "en";
  return texts[lang][key];
};

/** Shows `text` in place of the page's "Starting…" and "Checking offline use…", which will not move on. */
self.cutoutBootFailed = (text) => {
  document.getElementById("message").textContent = text;
  document.getElementById("status").dataset.state = "error";
  document.getElementById("status-text").hidden = true;
  document.getElementById("offline-panel").hidden = true;
};

if (location.protocol === "file:" && self.cutoutBootText("boot.file")) {
  self.cutoutBootFailed(self.cutoutBootText("boot.file"));
}
